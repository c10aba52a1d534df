package com.seqplay.run.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunNames;
import com.seqplay.run.domain.Sample;
import com.seqplay.run.health.TrainingHealthFlags;
import com.seqplay.run.service.PredictionService;
import com.seqplay.run.service.RunService;
import com.seqplay.spec.RunSpec;
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

/**
 * The runs part of the REST API (see the README); a thin layer over {@link RunService}. Listing,
 * editing, deleting, export and import are {@link HistoryController}'s.
 */
@RestController
@RequestMapping("/api/runs")
class RunController {
    private final RunService runs;
    private final PredictionService predictions;
    private final Clock clock;
    private final PredictJson predictJson;
    private final TrainingHealthFlags health;

    RunController(RunService runs, PredictionService predictions, Clock clock, ObjectMapper json,
            TrainingHealthFlags health) {
        this.health = health;
        this.runs = runs;
        this.predictions = predictions;
        this.clock = clock;
        this.predictJson = new PredictJson(json);
    }

    /** Takes the body as text so that unknown or mistyped fields are refused by name (SpecJson). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    RunJson submit(@RequestBody(required = false) String body) {
        RunSpec spec = SpecJson.parse(body == null ? "" : body);
        RunNames.check(spec.name());
        return RunJson.of(runs.submit(spec), clock.instant());
    }

    @GetMapping("/{id}")
    RunJson get(@PathVariable long id) {
        Run run = runs.get(id);
        return RunJson.of(run, clock.instant(), runs.queue().get(id), health.of(id).orElse(null), runs.canResume(run));
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

    /** Administrators: the queued run starts next. */
    @PostMapping("/{id}/first")
    RunJson moveToFront(@PathVariable long id) {
        runs.moveToFront(id);
        return RunJson.of(runs.get(id), clock.instant(), runs.queue().get(id));
    }

    /**
     * The owner or an administrator puts an INTERRUPTED run back in the queue; it continues after its
     * last finished epoch (409 when it is not INTERRUPTED or has no resume point).
     */
    @PostMapping("/{id}/resume")
    RunJson resume(@PathVariable long id) {
        runs.resume(id);
        return RunJson.of(runs.get(id), clock.instant(), runs.queue().get(id));
    }

    @PostMapping("/{id}/cancel")
    RunJson cancel(@PathVariable long id) {
        return RunJson.of(runs.cancel(id), clock.instant());
    }

    /**
     * Tries the trained model: {@code input} is a prompt, a sentence or a list of numbers;
     * {@code temperature}, {@code topK}, {@code length}, {@code steps}, {@code beam} and
     * {@code seed} are optional. The body must be exactly one JSON object of these fields
     * ({@link PredictJson}).
     */
    @PostMapping(value = "/{id}/predict", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> predict(@PathVariable long id, @RequestBody(required = false) String body) {
        Prediction p = predictions.predict(id, predictJson.parse(body));
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

    private static Map<String, Object> point(MetricPoint p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", p.step());
        m.put("epoch", p.epoch());
        m.put("value", p.value());
        m.put("time", p.time());
        return m;
    }
}
