package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server killed with SIGKILL at random moments while small runs train, and started
 * again on the same data folder each time. After every restart: the database opens, every run
 * submitted so far is there, each finished run has the status and the number of metric points it
 * had before the kill, and no run is RUNNING without a trainer or QUEUED while a slot is free.
 * Every INTERRUPTED run with a resume point is resumed through the API at once, so one run
 * ("resumable") is killed and resumed again and again; at the end it must finish SUCCEEDED with its
 * validation loss reported exactly once for every epoch and its training steps never repeated.
 */
class RandomKillResumeIT {
    private static final int KILLS = 10;
    private static final int MAX_CONCURRENT = 2;
    private static final int EPOCHS = 30;

    @TempDir
    Path dataDir;

    /** Tiny epochs (six batches), so that some end between any two kills. */
    private static String resumable() {
        return """
                {"name":"resumable","task":"textgen","cell":"lstm","epochs":%d,"builtinSize":3000,"hiddenSize":16,
                 "layers":1,"sequenceLength":30,"batchSize":16,"sampleLength":10,"seed":11}""".formatted(EPOCHS);
    }

    private static String quick(int n) {
        return """
                {"name":"quick %d","task":"textgen","cell":"gru","epochs":2,"builtinSize":2000,"hiddenSize":8,
                 "layers":1,"sequenceLength":30,"batchSize":16,"sampleLength":5,"seed":%d}""".formatted(n, n);
    }

    private AppProcess start(int port) throws Exception {
        return AppProcess.start(dataDir, port, "--seqplay.runs.max-concurrent=" + MAX_CONCURRENT,
                "--seqplay.trainer.omp-threads=1");
    }

    @Test
    void random_kills_lose_nothing_and_a_run_resumed_across_them_finishes_with_a_continuous_series() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        int port = AppProcess.freePort();
        List<Long> submitted = new ArrayList<>();
        Map<Long, JsonNode> finished = new LinkedHashMap<>();
        Map<Long, Integer> finishedPoints = new LinkedHashMap<>();
        long target;
        int resumes = 0;
        long started = System.nanoTime();
        List<Long> cycleMillis = new ArrayList<>();

        AppProcess app = start(port);
        target = app.submit(resumable());
        submitted.add(target);
        AppProcess first = app;
        // From the first kill on, the run has a resume point (and so is resumed after every kill).
        AppProcess.polling(Duration.ofMillis(200), Duration.ofMinutes(3)).alias("the first epoch of the resumable run")
                .until(() -> first.get("/api/runs/" + target + "/metrics").json().has("val_loss"));
        for (int kill = 1; kill <= KILLS; kill++) {
            long cycleStart = System.nanoTime();
            submitted.add(app.submit(quick(kill)));
            // The random moment is counted from when a trainer of this server reports, whatever the machine's load.
            awaitTraining(app, submitted);
            Thread.sleep(random.nextInt(3000));
            snapshotFinished(app, submitted, finished, finishedPoints);
            app.kill9();

            app = start(port);
            checkNothingLost(app, submitted, finished, finishedPoints);
            checkNoRunWithoutTrainer(app, submitted);
            resumes += resumeInterrupted(app, submitted);
            cycleMillis.add((System.nanoTime() - cycleStart) / 1_000_000);
        }

        try {
            long id = target;
            AppProcess running = app;
            JsonNode end = awaitEnd(running, id, Duration.ofMinutes(4));
            assertThat(end.get("status").asText()).as("the resumable run, after %d resumes", resumes).isEqualTo("SUCCEEDED");
            assertThat(resumes).as("resumes through the API").isGreaterThanOrEqualTo(1);
            JsonNode metrics = app.get("/api/runs/" + id + "/metrics").json();
            List<Integer> epochs = new ArrayList<>();
            metrics.get("val_loss").forEach(p -> epochs.add(p.get("epoch").asInt()));
            assertThat(epochs).as("val_loss epochs").containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, EPOCHS).boxed().toList());
            List<Long> steps = new ArrayList<>();
            metrics.get("train_loss").forEach(p -> steps.add(p.get("step").asLong()));
            assertThat(new HashSet<>(steps)).as("train_loss steps are never repeated").hasSize(steps.size());
            assertThat(steps).isSorted();
            assertThat(app.get("/api/runs/" + id + "/log").body()).contains("RESUMED");

            JsonNode refused = app.post("/api/runs/" + id + "/resume", "").json();
            assertThat(app.post("/api/runs/" + id + "/resume", "").status()).isEqualTo(409);
            assertThat(refused.toString()).contains("SUCCEEDED, not INTERRUPTED");
        } finally {
            long totalSeconds = (System.nanoTime() - started) / 1_000_000_000L;
            System.out.printf("RandomKillResumeIT: seed %d, %d kills survived, %d runs submitted, %d resumes, "
                    + "kill/restart cycles %s ms (mean %d ms), total %d s%n", seed, KILLS, submitted.size(), resumes,
                    cycleMillis, cycleMillis.stream().mapToLong(Long::longValue).sum() / Math.max(1, cycleMillis.size()),
                    totalSeconds);
            app.close();
        }
    }

    /** Waits until a run has a metric point it did not have when this was called (a trainer of this server reports). */
    private static void awaitTraining(AppProcess app, List<Long> ids) throws Exception {
        int before = totalPoints(app, ids);
        AppProcess.polling(Duration.ofMillis(200), Duration.ofMinutes(3)).alias("a trainer reporting")
                .until(() -> totalPoints(app, ids) > before);
    }

    private static int totalPoints(AppProcess app, List<Long> ids) throws Exception {
        int n = 0;
        for (long id : ids) {
            n += app.metricCount(id);
        }
        return n;
    }

    private static void snapshotFinished(AppProcess app, List<Long> ids, Map<Long, JsonNode> finished,
            Map<Long, Integer> points) throws Exception {
        for (long id : ids) {
            JsonNode run = app.run(id);
            String status = run.get("status").asText();
            if (!finished.containsKey(id) && Set.of("SUCCEEDED", "FAILED", "CANCELLED", "DIVERGED").contains(status)) {
                finished.put(id, run);
                points.put(id, app.metricCount(id));
            }
        }
    }

    /** The database opened (the server answered) and holds every run, the finished ones unchanged. */
    private static void checkNothingLost(AppProcess app, List<Long> ids, Map<Long, JsonNode> finished,
            Map<Long, Integer> points) throws Exception {
        for (long id : ids) {
            assertThat(app.get("/api/runs/" + id).status()).as("run %d after a restart", id).isEqualTo(200);
        }
        for (var entry : finished.entrySet()) {
            JsonNode now = app.run(entry.getKey());
            assertThat(now.get("status").asText()).as("status of finished run %d", entry.getKey())
                    .isEqualTo(entry.getValue().get("status").asText());
            assertThat(now.get("metrics")).as("metrics of run %d", entry.getKey()).isEqualTo(entry.getValue().get("metrics"));
            assertThat(app.metricCount(entry.getKey())).as("metric points of run %d", entry.getKey())
                    .isEqualTo(points.get(entry.getKey()));
        }
    }

    /**
     * Recovery runs before the server answers: a RUNNING run has a trainer of this server (the
     * dispatcher may need a moment to start one), and runs wait in the queue only while all slots are busy.
     */
    private static void checkNoRunWithoutTrainer(AppProcess app, List<Long> ids) throws Exception {
        try {
            AppProcess.polling(Duration.ofMillis(200), Duration.ofSeconds(15)).until(() -> {
                int running = 0;
                int queued = 0;
                for (long id : ids) {
                    String status = app.run(id).get("status").asText();
                    running += status.equals("RUNNING") ? 1 : 0;
                    queued += status.equals("QUEUED") ? 1 : 0;
                }
                return running <= app.trainers().size() && (queued == 0 || running == MAX_CONCURRENT);
            });
        } catch (ConditionTimeoutException e) {
            List<String> statuses = new ArrayList<>();
            for (long id : ids) {
                statuses.add(id + ":" + app.run(id).get("status").asText());
            }
            throw new AssertionError("after a restart, runs " + statuses + " with trainers " + app.trainers());
        }
    }

    /** Resumes each INTERRUPTED run whose folder holds a resume point; how many were resumed. */
    private int resumeInterrupted(AppProcess app, List<Long> ids) throws Exception {
        int n = 0;
        for (long id : ids) {
            if (app.run(id).get("status").asText().equals("INTERRUPTED")) {
                boolean hasPoint = Files.exists(dataDir.resolve("runs").resolve(Long.toString(id)).resolve("resume.zip"));
                AppProcess.Response r = app.post("/api/runs/" + id + "/resume", "");
                if (hasPoint) {
                    assertThat(r.status()).as("resume of run %d: %s", id, r.body()).isEqualTo(200);
                    n++;
                } else {
                    assertThat(r.status()).as("resume of run %d without a point: %s", id, r.body()).isEqualTo(409);
                    assertThat(r.body()).contains("no resume point");
                }
            }
        }
        return n;
    }

    private static JsonNode awaitEnd(AppProcess app, long id, Duration timeout) throws Exception {
        var finals = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "DIVERGED", "INTERRUPTED");
        return app.awaitRun(id, r -> finals.contains(r.get("status").asText()), timeout);
    }
}
