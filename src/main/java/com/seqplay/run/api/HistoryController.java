package com.seqplay.run.api;

import com.seqplay.run.health.TrainingHealthFlags;
import com.seqplay.run.service.RunService;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.history.Experiment;
import com.seqplay.run.history.ExperimentService;
import com.seqplay.run.history.RunArchive;
import com.seqplay.run.history.RunEdit;
import com.seqplay.run.history.RunHistoryService;
import com.seqplay.run.history.RunPage;
import com.seqplay.run.history.RunQuery;
import com.seqplay.spec.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The history part of the REST API: the filtered, sorted, paged runs list (the total in the
 * {@code X-Total-Count} header, the body the plain list it always was), editing and deleting
 * runs, the series of several runs in one call, export and import, and experiments (grids).
 */
@RestController
@RequestMapping("/api")
class HistoryController {
    static final String TOTAL_HEADER = "X-Total-Count";
    private static final Set<String> EDIT_FIELDS = Set.of("name", "notes", "tags");
    private final RunHistoryService history;
    private final RunArchive archive;
    private final ExperimentService experiments;
    private final Clock clock;
    private final ObjectMapper json;
    /** For each queued run's place in the fair queue. */
    private final RunService runs;
    private final TrainingHealthFlags health;

    HistoryController(RunHistoryService history, RunArchive archive, ExperimentService experiments, Clock clock,
            ObjectMapper json, RunService runs, TrainingHealthFlags health) {
        this.health = health;
        this.runs = runs;
        this.history = history;
        this.archive = archive;
        this.experiments = experiments;
        this.clock = clock;
        this.json = json;
    }

    /** {@code GET /api/runs?task=textgen&cell=gru&sort=-best&offset=0&limit=50}: see {@link RunQuery}. */
    @GetMapping("/runs")
    ResponseEntity<List<RunJson>> list(@RequestParam Map<String, String> parameters) {
        RunPage page = history.search(RunQuery.parse(parameters));
        Instant now = clock.instant();
        var queue = runs.queue();
        return ResponseEntity.ok().header(TOTAL_HEADER, Long.toString(page.total()))
                .header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, TOTAL_HEADER)
                .body(page.runs().stream()
                        .map(r -> RunJson.of(r, now, queue.get(r.id()), health.of(r.id()).orElse(null))).toList());
    }

    /** {@code {"name": "...", "notes": "...", "tags": ["a", "b"]}}; fields left out stay as they are. */
    @PatchMapping(value = "/runs/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    RunJson edit(@PathVariable long id, @RequestBody(required = false) String body) {
        JsonNode tree = object(body, "a JSON object with name, notes and/or tags");
        tree.fieldNames().forEachRemaining(f -> {
            if (!EDIT_FIELDS.contains(f)) {
                throw new InvalidSpecException(f, "cannot be changed: a run's name, notes and tags can");
            }
        });
        String name = text(tree, "name");
        String notes = text(tree, "notes");
        List<String> tags = null;
        if (tree.has("tags")) {
            JsonNode t = tree.get("tags");
            if (!t.isArray()) {
                throw new InvalidSpecException("tags", "must be a list of words, e.g. [\"baseline\", \"long\"]");
            }
            tags = new ArrayList<>();
            for (JsonNode tag : t) {
                if (!tag.isTextual()) {
                    throw new InvalidSpecException("tags", "must hold only strings, not " + tag);
                }
                tags.add(tag.asText());
            }
        }
        return RunJson.of(history.annotate(id, new RunEdit(name, notes, tags)), clock.instant());
    }

    /** Removes the run, its points, samples and folder; a queued or running run is cancelled first. */
    @DeleteMapping("/runs/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        history.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(value = "/runs/{id}/export", produces = "application/zip")
    ResponseEntity<byte[]> export(@PathVariable long id) throws IOException {
        var out = new ByteArrayOutputStream();
        archive.export(id, out);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(RunArchive.fileName(id)).build().toString())
                .body(out.toByteArray());
    }

    /** The body is an archive made by export ({@code application/zip}); answers the new run. */
    @PostMapping(value = "/runs/import", consumes = {"application/zip", MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @ResponseStatus(HttpStatus.CREATED)
    RunJson importRun(@RequestBody(required = false) byte[] body,
            @RequestParam(defaultValue = "upload.zip") String fileName) throws IOException {
        if (body == null || body.length == 0) {
            throw new InvalidSpecException("body", "is empty: send the zip archive made by export");
        }
        Run run = archive.importArchive(fileName, new ByteArrayInputStream(body));
        return RunJson.of(run, clock.instant());
    }

    /**
     * {@code GET /api/series?runs=1,2,3&names=train_loss,val_loss&points=1000}: per run id, per
     * series, the arrays {@code step}, {@code epoch}, {@code seconds} (since the run started) and
     * {@code value}, each series thinned to at most {@code points} points, extremes kept.
     */
    @GetMapping("/series")
    Map<String, Object> series(@RequestParam String runs, @RequestParam String names,
            @RequestParam(defaultValue = "1000") int points) {
        List<Long> ids = ids(runs);
        List<String> seriesNames = Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        var data = history.series(ids, seriesNames, points);
        Map<Long, Instant> starts = new LinkedHashMap<>();
        history.existing(ids).forEach(r -> starts.put(r.id(), r.startedAt() != null ? r.startedAt() : r.createdAt()));
        Map<String, Object> byRun = new LinkedHashMap<>();
        data.forEach((id, series) -> {
            Map<String, Object> out = new LinkedHashMap<>();
            series.forEach((name, list) -> out.put(name, columns(list, starts.get(id))));
            byRun.put(Long.toString(id), out);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("points", points);
        body.put("runs", byRun);
        return body;
    }

    /**
     * {@code {"name": "cells x clipping", "base": {spec}, "vary": {"cell": ["rnn","lstm","gru"],
     * "clipping.mode": ["none","global-norm"], "seed": [1,2,3]}}}: every combination is checked,
     * then all are queued as one experiment.
     */
    @PostMapping(value = "/experiments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> launch(@RequestBody(required = false) String body) {
        JsonNode tree = object(body, "a JSON object with name, base and vary");
        tree.fieldNames().forEachRemaining(f -> {
            if (!Set.of("name", "base", "vary").contains(f)) {
                throw new InvalidSpecException(f, "is not a field of an experiment: use name, base and vary");
            }
        });
        JsonNode base = tree.get("base");
        if (base == null || !base.isObject()) {
            throw new InvalidSpecException("base", "is required: the specification every run starts from, a JSON object");
        }
        JsonNode vary = tree.get("vary");
        if (vary == null || !vary.isObject()) {
            throw new InvalidSpecException("vary", "is required: an object of field name to the list of its values");
        }
        Map<String, List<JsonNode>> values = new LinkedHashMap<>();
        vary.fields().forEachRemaining(e -> {
            if (!e.getValue().isArray()) {
                throw new InvalidSpecException("vary." + e.getKey(), "must be a list of values");
            }
            List<JsonNode> list = new ArrayList<>();
            e.getValue().forEach(list::add);
            values.put(e.getKey(), list);
        });
        return experimentJson(experiments.launch(text(tree, "name"), (ObjectNode) base, values));
    }

    @GetMapping("/experiments/{id}")
    Map<String, Object> experiment(@PathVariable long id) {
        return experimentJson(experiments.get(id));
    }

    private Map<String, Object> experimentJson(Experiment e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", e.id());
        out.put("name", e.name());
        out.put("owner", e.owner());
        out.put("createdAt", e.createdAt());
        out.put("base", e.base());
        out.put("vary", e.vary());
        out.put("runIds", e.runIds());
        Map<String, Integer> statuses = new LinkedHashMap<>();
        history.existing(e.runIds()).forEach(r -> statuses.merge(r.status().name(), 1, Integer::sum));
        out.put("statuses", statuses);
        // the experiment's own comparison: it fills in while the runs train
        out.put("compare", "/compare?experiment=" + e.id()
                + (e.vary().isEmpty() ? "" : "&group=" + e.vary().keySet().iterator().next().split("\\.")[0]));
        return out;
    }

    private static Map<String, Object> columns(List<MetricPoint> points, Instant start) {
        int n = points.size();
        long[] step = new long[n];
        int[] epoch = new int[n];
        double[] seconds = new double[n];
        double[] value = new double[n];
        long origin = start != null ? start.toEpochMilli() : n > 0 ? points.get(0).time().toEpochMilli() : 0;
        for (int i = 0; i < n; i++) {
            MetricPoint p = points.get(i);
            step[i] = p.step();
            epoch[i] = p.epoch();
            seconds[i] = (p.time().toEpochMilli() - origin) / 1000.0;
            value[i] = p.value();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("step", step);
        out.put("epoch", epoch);
        out.put("seconds", seconds);
        out.put("value", value);
        return out;
    }

    static List<Long> ids(String text) {
        List<Long> ids = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidSpecException("runs", "'" + part.trim() + "' is not a run id; list ids like 1,2,3");
            }
        }
        return ids;
    }

    private JsonNode object(String body, String what) {
        try {
            JsonNode tree = body == null || body.isBlank() ? null : json.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new InvalidSpecException("body", "must be " + what);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("body", "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
    }

    private static String text(JsonNode tree, String field) {
        JsonNode v = tree.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidSpecException(field, "must be a string");
        }
        return v.asText();
    }
}
