package com.seqplay.run.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.seqplay.SeqplayApplication;
import com.seqplay.events.sample.SampleCodec;
import com.seqplay.events.sample.TextSample;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.domain.Sample;
import com.seqplay.spec.CellType;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.TaskType;
import com.seqplay.task.SpecValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The history resources through a real Tomcat on the real H2 file database: editing a run,
 * deleting it (rows and folder gone), export then import giving an identical run, and
 * experiments. No trainer is started ({@code max-concurrent=0}): finished runs are stored as an
 * import would store them, and an experiment's runs stay queued.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = SeqplayApplication.class,
        properties = {"seqplay.runs.max-concurrent=0", "server.address=127.0.0.1"})
class HistoryOverHttpTest {
    static final Path DATA = tempDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("seqplay.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    @Autowired
    HistoryRepository repository;
    @Autowired
    RunHistoryService history;
    @Autowired
    JdbcTemplate jdbc;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void patch_changes_name_notes_and_tags_and_names_a_field_it_cannot_change() throws Exception {
        long id = finishedRun("patch me");
        var done = send("PATCH", "/api/runs/" + id, "{\"name\":\"gru with clipping\",\"notes\":\"spiky\",\"tags\":[\"keep\",\"clip\"]}");
        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        JsonNode run = json.readTree(send("GET", "/api/runs/" + id, null).body());
        assertThat(run.get("name").asText()).isEqualTo("gru with clipping");
        assertThat(run.get("notes").asText()).isEqualTo("spiky");
        assertThat(run.get("tags")).extracting(JsonNode::asText).containsExactly("keep", "clip");
        var byTag = send("GET", "/api/runs?tag=clip", null);
        assertThat(json.readTree(byTag.body())).extracting(r -> r.get("id").asLong()).containsExactly(id);
        assertThat(byTag.headers().firstValue("X-Total-Count")).hasValue("1");

        var onlyNotes = send("PATCH", "/api/runs/" + id, "{\"notes\":\"\"}");
        assertThat(json.readTree(onlyNotes.body()).get("name").asText()).as("left out, left as it was")
                .isEqualTo("gru with clipping");
        assertThat(json.readTree(onlyNotes.body()).path("notes").isMissingNode()
                || json.readTree(onlyNotes.body()).get("notes").isNull()).isTrue();

        var status = send("PATCH", "/api/runs/" + id, "{\"status\":\"SUCCEEDED\"}");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(json.readTree(status.body()).get("field").asText()).isEqualTo("status");
        var tags = send("PATCH", "/api/runs/" + id, "{\"tags\":\"keep\"}");
        assertThat(tags.statusCode()).isEqualTo(400);
        assertThat(json.readTree(tags.body()).get("field").asText()).isEqualTo("tags");
        var broken = send("PATCH", "/api/runs/" + id, "{\"name\": ");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json.readTree(broken.body()).get("error").asText()).contains("not valid JSON", "line 1");
        assertThat(send("PATCH", "/api/runs/987654", "{\"name\":\"x\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void delete_removes_the_run_its_rows_and_its_folder() throws Exception {
        long id = finishedRun("delete me");
        Path folder = history.runFolder(id);
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub/model.zip"), "weights");
        assertThat(count("metric_points", id)).isPositive();
        assertThat(count("samples", id)).isPositive();

        var deleted = send("DELETE", "/api/runs/" + id, null);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);

        assertThat(send("GET", "/api/runs/" + id, null).statusCode()).isEqualTo(404);
        assertThat(count("runs", id)).isZero();
        assertThat(count("metric_points", id)).isZero();
        assertThat(count("samples", id)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from run_tags where run_id = ?", Long.class, id)).isZero();
        assertThat(folder).doesNotExist();
        assertThat(send("DELETE", "/api/runs/" + id, null).statusCode()).isEqualTo(404);
    }

    @Test
    void an_exported_run_imports_as_an_identical_run() throws Exception {
        long id = finishedRun("export me");
        send("PATCH", "/api/runs/" + id, "{\"notes\":\"the original\",\"tags\":[\"exported\"]}");
        Path folder = history.runFolder(id);
        Files.createDirectories(folder);
        Files.write(folder.resolve("model.zip"), new byte[] {1, 2, 3, 4});

        var export = http.send(request("GET", "/api/runs/" + id + "/export", null).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("zip"));
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                d -> assertThat(d).contains("seqplay-run-" + id + ".zip"));

        var imported = http.send(HttpRequest.newBuilder(uri("/api/runs/import?fileName=copy.zip"))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofByteArray(export.body()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);
        long copy = json.readTree(imported.body()).get("id").asLong();
        assertThat(copy).isNotEqualTo(id);

        ObjectNode original = (ObjectNode) json.readTree(send("GET", "/api/runs/" + id, null).body());
        ObjectNode copied = (ObjectNode) json.readTree(send("GET", "/api/runs/" + copy, null).body());
        for (String field : List.of("name", "task", "cell", "status", "createdAt", "startedAt", "finishedAt", "spec",
                "metrics", "baselines", "verdict", "notes", "tags", "bestMetric", "durationSeconds", "backend")) {
            assertThat(copied.get(field)).as(field).isEqualTo(original.get(field));
        }
        assertThat(send("GET", "/api/runs/" + copy + "/metrics", null).body())
                .isEqualTo(send("GET", "/api/runs/" + id + "/metrics", null).body());
        assertThat(send("GET", "/api/runs/" + copy + "/samples", null).body())
                .isEqualTo(send("GET", "/api/runs/" + id + "/samples", null).body());
        assertThat(history.runFolder(copy).resolve("model.zip")).hasBinaryContent(new byte[] {1, 2, 3, 4});

        var garbage = http.send(HttpRequest.newBuilder(uri("/api/runs/import?fileName=notes.zip"))
                .header("Content-Type", "application/zip").POST(HttpRequest.BodyPublishers.ofString("hello"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(garbage.statusCode()).isEqualTo(400);
        assertThat(json.readTree(garbage.body()).get("error").asText()).contains("notes.zip");
    }

    @Test
    void an_experiment_queues_every_combination_and_is_a_resource() throws Exception {
        String body = """
                {"name":"cells x seeds","base":{"task":"textgen","epochs":1,"hiddenSize":16},
                 "vary":{"cell":["rnn","gru"],"seed":[1,2,3]}}""";
        var created = send("POST", "/api/experiments", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode experiment = json.readTree(created.body());
        long id = experiment.get("id").asLong();
        assertThat(experiment.get("name").asText()).isEqualTo("cells x seeds");
        assertThat(experiment.get("runIds")).hasSize(6);
        assertThat(experiment.get("statuses").get("QUEUED").asInt()).isEqualTo(6);
        assertThat(experiment.get("compare").asText()).isEqualTo("/compare?experiment=" + id + "&group=cell");

        JsonNode again = json.readTree(send("GET", "/api/experiments/" + id, null).body());
        assertThat(again.get("runIds")).isEqualTo(experiment.get("runIds"));
        assertThat(again.get("vary").get("seed")).hasSize(3);
        var members = send("GET", "/api/runs?experiment=" + id + "&sort=id", null);
        assertThat(members.headers().firstValue("X-Total-Count")).hasValue("6");
        List<String> cells = new ArrayList<>();
        json.readTree(members.body()).forEach(r -> cells.add(r.get("cell").asText() + r.get("spec").get("seed").asInt()));
        assertThat(cells).containsExactlyInAnyOrder("rnn1", "rnn2", "rnn3", "gru1", "gru2", "gru3");

        var bad = send("POST", "/api/experiments", """
                {"name":"typo","base":{"task":"textgen"},"vary":{"cell":["rnn","grue"]}}""");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("cell", "grue");
        var notList = send("POST", "/api/experiments", """
                {"base":{"task":"textgen"},"vary":{"seed":3}}""");
        assertThat(notList.statusCode()).isEqualTo(400);
        assertThat(json.readTree(notList.body()).get("field").asText()).isEqualTo("vary.seed");
        var unknown = send("GET", "/api/experiments/987654", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("error").asText()).contains("987654");
    }

    /** A finished text-generation run as the recorder would leave it: points of two series and two samples. */
    private long finishedRun(String name) {
        RunSpec spec = SpecValidator.complete(RunSpec.of(TaskType.TEXTGEN)).withCell(CellType.GRU).withSeed(7);
        Instant start = Instant.parse("2026-03-01T10:00:00Z");
        var run = new Run(0, "local", name, spec, 7, RunStatus.SUCCEEDED, start.minusSeconds(5), start,
                start.plusSeconds(90), "cpu", "test", 1.0, Map.of("bpc", 1.5, "perplexity", 2.8),
                Map.of("unigram_bpc", 4.2), null, null, List.of(), 1.5, null);
        long id = repository.insertImported("local", run, SpecJson.write(spec), Instant.now());
        List<MetricPoint> points = new ArrayList<>();
        for (int step = 1; step <= 30; step++) {
            points.add(new MetricPoint("train_loss", step, 1 + step / 15, 3.0 / step, start.plusSeconds(step)));
        }
        points.add(new MetricPoint("bpc", 15, 1, 1.9, start.plusSeconds(15)));
        points.add(new MetricPoint("bpc", 30, 2, 1.5, start.plusSeconds(30)));
        repository.insertPoints(id, points);
        repository.insertSamples(id, List.of(
                new Sample("text", 1, SampleCodec.encode(new TextSample("The ", "cat sat")), start.plusSeconds(15)),
                new Sample("text", 2, SampleCodec.encode(new TextSample("The ", "cat sat on")), start.plusSeconds(30))));
        return id;
    }

    private long count(String table, long runId) {
        return jdbc.queryForObject("select count(*) from " + table + " where " + (table.equals("runs") ? "id" : "run_id")
                + " = ?", Long.class, runId);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpRequest.Builder request(String method, String path, String body) {
        var builder = HttpRequest.newBuilder(uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        return builder;
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(request(method, path, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("seqplay-history-http");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
