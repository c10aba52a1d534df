package com.seqplay.run.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Sample;
import com.seqplay.run.service.PredictionService;
import com.seqplay.run.service.RunService;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.SpecJson;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The runs part of the REST API (see the README); a thin layer over {@link RunService}. */
@RestController
@RequestMapping("/api/runs")
class RunController {
    private final RunService runs;
    private final PredictionService predictions;
    private final Clock clock;

    RunController(RunService runs, PredictionService predictions, Clock clock) {
        this.runs = runs;
        this.predictions = predictions;
        this.clock = clock;
    }

    /** Takes the body as text so that unknown or mistyped fields are refused by name (SpecJson). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    RunJson submit(@RequestBody(required = false) String body) {
        return RunJson.of(runs.submit(SpecJson.parse(body == null ? "" : body)), clock.instant());
    }

    @GetMapping
    List<RunJson> list(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "100") int limit) {
        var now = clock.instant();
        return runs.list(Math.max(0, offset), Math.min(Math.max(1, limit), 1000)).stream()
                .map(r -> RunJson.of(r, now)).toList();
    }

    @GetMapping("/{id}")
    RunJson get(@PathVariable long id) {
        return RunJson.of(runs.get(id), clock.instant());
    }

    /** Every series by name: {@code {"train_loss": [{"step":1,"epoch":1,"value":2.3,"time":...}], ...}}. */
    @GetMapping("/{id}/metrics")
    Map<String, List<Map<String, Object>>> metrics(@PathVariable long id) {
        Map<String, List<Map<String, Object>>> out = new LinkedHashMap<>();
        runs.metrics(id).forEach((name, points) -> out.put(name, points.stream().map(RunController::point).toList()));
        return out;
    }

    @GetMapping("/{id}/samples")
    List<Sample> samples(@PathVariable long id) {
        return runs.samples(id);
    }

    @GetMapping(value = "/{id}/log", produces = MediaType.TEXT_PLAIN_VALUE)
    String log(@PathVariable long id, @RequestParam(defaultValue = "200") int lines) {
        return String.join("\n", runs.log(id, Math.min(Math.max(1, lines), 5000)));
    }

    @PostMapping("/{id}/cancel")
    RunJson cancel(@PathVariable long id) {
        return RunJson.of(runs.cancel(id), clock.instant());
    }

    /**
     * Tries the trained model: {@code input} is a prompt, a sentence or a list of numbers;
     * {@code temperature}, {@code topK}, {@code length}, {@code steps}, {@code beam} and
     * {@code seed} are optional.
     */
    @PostMapping(value = "/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> predict(@PathVariable long id, @RequestBody JsonNode body) {
        JsonNode input = body.path("input");
        List<Double> numbers = null;
        String text = null;
        if (input.isArray()) {
            numbers = new java.util.ArrayList<>();
            for (JsonNode n : input) {
                if (!n.isNumber()) {
                    throw new InvalidSpecException("input", "must be a sentence, a prompt or a list of numbers");
                }
                numbers.add(n.asDouble());
            }
        } else if (input.isTextual()) {
            text = input.asText();
        } else if (!input.isMissingNode() && !input.isNull()) {
            throw new InvalidSpecException("input", "must be a sentence, a prompt or a list of numbers");
        }
        var request = new PredictRequest(text, numbers, optionalDouble(body, "temperature"), optionalInt(body, "topK"),
                optionalInt(body, "length"), optionalInt(body, "steps"), optionalInt(body, "beam"),
                body.hasNonNull("seed") ? body.get("seed").asLong() : null);
        Prediction p = predictions.predict(id, request);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("output", p.output());
        if (p.sourceTokens() != null) {
            out.put("sourceTokens", p.sourceTokens());
            out.put("outputTokens", p.outputTokens());
        }
        if (p.attention() != null) {
            out.put("attention", p.attention());
        }
        return out;
    }

    private static Integer optionalInt(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new InvalidSpecException(field, "must be a whole number");
        }
        return v.asInt();
    }

    private static Double optionalDouble(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new InvalidSpecException(field, "must be a number");
        }
        return v.asDouble();
    }

    private static Map<String, Object> point(MetricPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", p.step());
        m.put("epoch", p.epoch());
        m.put("value", p.value());
        m.put("time", p.time());
        return m;
    }
}
