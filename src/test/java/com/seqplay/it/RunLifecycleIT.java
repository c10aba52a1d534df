package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run lifecycle through the REST API of the packaged app, with real trainer processes:
 * success, bad specifications, queueing, cancel and crashes, each with its honest end state.
 */
class RunLifecycleIT {
    @TempDir
    static Path dataDir;

    static AppProcess app;

    @BeforeAll
    static void startApp() throws Exception {
        app = AppProcess.start(dataDir);
    }

    @AfterAll
    static void stopApp() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_small_run_trains_to_success_and_keeps_its_metrics_samples_and_backend() throws Exception {
        long id = app.submit(Specs.quickTextgen(2));
        JsonNode run = app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(3));

        assertThat(run.get("backend").asText()).isEqualTo("CPU");
        assertThat(run.get("metrics").get("bpc").asDouble()).isPositive();
        assertThat(run.get("baselines").has("unigram_bpc")).isTrue();
        assertThat(run.get("spec").get("hiddenSize").asInt()).isEqualTo(32);
        assertThat(run.get("spec").get("seed").asLong()).as("defaults are stored with the spec").isEqualTo(42);
        assertThat(run.get("progress").asDouble()).isEqualTo(1.0);
        JsonNode metrics = app.get("/api/runs/" + id + "/metrics").json();
        assertThat(metrics.get("train_loss").size()).isGreaterThan(2);
        assertThat(metrics.get("bpc").size()).isEqualTo(2);
        JsonNode samples = app.get("/api/runs/" + id + "/samples").json();
        assertThat(samples.findValuesAsText("kind")).containsExactly("gradient_reach", "gradient_reach", "text",
                "gradient_reach", "text");
        app.awaitNoTrainers(Duration.ofSeconds(15));

        // The trained model answers prompts, reproducibly with a seed.
        var answer = app.post("/api/runs/" + id + "/predict", "{\"input\":\"the \",\"length\":30,\"seed\":7}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("output").asText()).hasSize(30);
        assertThat(app.post("/api/runs/" + id + "/predict", "{\"input\":\"the \",\"length\":30,\"seed\":7}").json())
                .isEqualTo(answer.json());
        var bad = app.post("/api/runs/" + id + "/predict", "{\"input\":\"the \",\"temperature\":0}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("temperature");
        assertThat(app.post("/api/runs/" + id + "/predict", "{\"input\":\"the \",\"length\":\"long\"}").json()
                .get("field").asText()).isEqualTo("length");
        assertThat(app.post("/api/runs/999999/predict", "{\"input\":\"a\"}").status()).isEqualTo(404);
    }

    @Test
    void a_translation_run_reports_bleu_against_copying_and_its_model_translates_with_attention() throws Exception {
        long id = app.submit("{\"task\":\"translation\",\"cell\":\"gru\",\"builtinSize\":600,\"epochs\":2,"
                + "\"hiddenSize\":32,\"batchSize\":32}");
        JsonNode run = app.awaitStatus(id, "SUCCEEDED", Duration.ofMinutes(4));
        assertThat(run.get("metrics").has("bleu")).isTrue();
        assertThat(run.get("metrics").has("exact_match")).isTrue();
        assertThat(run.get("baselines").has("copy_bleu")).isTrue();
        JsonNode metrics = app.get("/api/runs/" + id + "/metrics").json();
        assertThat(metrics.get("bleu").size()).isEqualTo(2);
        assertThat(metrics.get("grad_norm").size()).isEqualTo(metrics.get("train_loss").size());

        var answer = app.post("/api/runs/" + id + "/predict", "{\"input\":\"3 March 2021\",\"beam\":3}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode attention = answer.json().get("attention");
        assertThat(attention.size()).isEqualTo(answer.json().get("outputTokens").size());
        for (JsonNode row : attention) {
            assertThat(row.size()).isEqualTo(answer.json().get("sourceTokens").size());
            double sum = 0;
            for (JsonNode w : row) {
                sum += w.asDouble();
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        }
        assertThat(app.post("/api/runs/" + id + "/predict", "{\"input\":\"\"}").status()).isEqualTo(400);
    }

    @Test
    void bad_specifications_get_400_naming_the_field_and_store_nothing() throws Exception {
        int before = app.get("/api/runs?limit=1000").json().size();
        assertRefused("{\"task\":\"textgen\",\"epoch\":3}", "epoch");
        assertRefused("{\"task\":\"textgen\",\"epochs\":0}", "epochs");
        assertRefused("{\"task\":\"textgen\",\"learningRate\":\"NaN\"}", "learningRate");
        assertRefused("{\"task\":\"textgen\",\"hiddenSize\":100000}", "hiddenSize");
        assertRefused("{\"task\":\"textgen\",\"layers\":0}", "layers");
        assertRefused("{\"task\":\"textgen\",\"cell\":\"transformer\"}", "cell");
        assertRefused("{\"task\":\"textgen\",\"clipping\":{\"mode\":\"value\",\"threshold\":-1}}", "clipping.threshold");
        assertRefused("{\"task\":\"textgen\",\"clipping\":{\"mode\":\"sometimes\"}}", "clipping.mode");
        assertRefused("{\"task\":\"poetry\"}", "task");
        assertRefused("{\"cell\":\"lstm\"}", "task");
        assertRefused("{\"task\":\"textgen\",\"epochs\":\"many\"}", "epochs");
        assertRefused("{\"task\":", "spec");
        assertRefused("", "spec");
        assertThat(app.get("/api/runs?limit=1000").json().size()).isEqualTo(before);
    }

    private static void assertRefused(String body, String field) throws Exception {
        var response = app.post("/api/runs", body);
        assertThat(response.status()).as(body).isEqualTo(400);
        assertThat(response.json().get("field").asText()).as(response.body()).isEqualTo(field);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void an_unknown_run_is_404() throws Exception {
        assertThat(app.get("/api/runs/999999").status()).isEqualTo(404);
        assertThat(app.post("/api/runs/999999/cancel", "").status()).isEqualTo(404);
    }

    @Test
    void cancel_stops_the_trainer_within_seconds_and_keeps_what_was_recorded() throws Exception {
        long id = app.submit(Specs.longTextgen());
        app.awaitRun(id, r -> "RUNNING".equals(r.get("status").asText()), Duration.ofMinutes(2));
        AppProcess.polling(Duration.ofMillis(200), Duration.ofMinutes(2)).alias("3 metric points")
                .until(() -> app.metricCount(id) >= 3);
        int recorded = app.metricCount(id);
        assertThat(recorded).isGreaterThanOrEqualTo(3);

        long start = System.nanoTime();
        var response = app.post("/api/runs/" + id + "/cancel", "");
        assertThat(response.status()).isEqualTo(200);
        JsonNode run = app.awaitStatus(id, "CANCELLED", Duration.ofSeconds(10));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(run.get("finishedAt").isNull()).isFalse();
        assertThat(app.metricCount(id)).isGreaterThanOrEqualTo(recorded);
        assertThat(app.trainers()).as("cancel waits for the trainer to end").isEmpty();

        // A finished run stays as it is.
        assertThat(app.post("/api/runs/" + id + "/cancel", "").json().get("status").asText()).isEqualTo("CANCELLED");
    }

    @Test
    void runs_wait_in_the_queue_while_another_trains_and_a_queued_run_can_be_cancelled() throws Exception {
        long first = app.submit(Specs.longTextgen());
        long second = app.submit(Specs.quickTextgen(1));
        app.awaitStatus(first, "RUNNING", Duration.ofMinutes(2));
        assertThat(app.run(second).get("status").asText()).as("max-concurrent is 1").isEqualTo("QUEUED");
        assertThat(app.post("/api/runs/" + second + "/cancel", "").json().get("status").asText()).isEqualTo("CANCELLED");
        app.post("/api/runs/" + first + "/cancel", "");
        app.awaitStatus(first, "CANCELLED", Duration.ofSeconds(10));
        assertThat(app.run(second).has("startedAt")).as("it never started").isFalse();
    }

    @Test
    void a_trainer_that_throws_leaves_the_run_failed_with_the_reason() throws Exception {
        long id = app.submit(withFault("exception", 3));
        JsonNode run = app.awaitStatus(id, "FAILED", Duration.ofMinutes(2));
        assertThat(run.get("error").asText()).contains("IllegalStateException");
        assertThat(app.metricCount(id)).as("points before the crash are kept").isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_trainer_that_exits_or_is_killed_leaves_the_run_failed_and_the_server_goes_on() throws Exception {
        long exits = app.submit(withFault("exit", 2));
        assertThat(app.awaitStatus(exits, "FAILED", Duration.ofMinutes(2)).get("error").asText()).contains("code 1");

        long killed = app.submit(Specs.longTextgen());
        app.awaitStatus(killed, "RUNNING", Duration.ofMinutes(2));
        AppProcess.polling(Duration.ofMillis(100), Duration.ofMinutes(1)).alias("a trainer process")
                .until(() -> !app.trainers().isEmpty());
        app.trainers().forEach(ProcessHandle::destroyForcibly);
        JsonNode run = app.awaitStatus(killed, "FAILED", Duration.ofSeconds(30));
        assertThat(run.get("error").asText()).contains("killed");

        assertThat(app.get("/api/runs").status()).isEqualTo(200);
    }

    @Test
    void a_trainer_out_of_memory_fails_its_run_not_the_server() throws Exception {
        long id = app.submit(withFault("oom", 2));
        JsonNode run = app.awaitStatus(id, "FAILED", Duration.ofMinutes(2));
        assertThat(run.get("error").asText()).containsIgnoringCase("out of memory");
        assertThat(app.get("/api/runs").status()).isEqualTo(200);
    }

    private static String withFault(String mode, int iteration) {
        String spec = Specs.longTextgen();
        return spec.substring(0, spec.lastIndexOf('}')) + ",\"faultInjection\":{\"mode\":\"" + mode
                + "\",\"iteration\":" + iteration + "}}";
    }
}
