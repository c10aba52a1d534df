package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No history is lost when the server dies: kill -9 it while a run trains, start it again on the
 * same data folder, and everything stored before the kill is there, with the run INTERRUPTED.
 */
class ServerKillIT {
    @TempDir
    Path dataDir;

    @Test
    void a_server_killed_mid_run_restarts_with_the_run_interrupted_and_its_history_intact() throws Exception {
        long finished;
        long interrupted;
        JsonNode finishedBefore;
        int finishedPoints;
        int pointsBeforeKill;
        List<ProcessHandle> trainers;
        int port = AppProcess.freePort();

        AppProcess first = AppProcess.start(dataDir, port);
        try {
            finished = first.submit(Specs.quickTextgen(1));
            finishedBefore = first.awaitStatus(finished, "SUCCEEDED", Duration.ofMinutes(3));
            finishedPoints = first.metricCount(finished);

            interrupted = first.submit(Specs.longTextgen());
            first.awaitStatus(interrupted, "RUNNING", Duration.ofMinutes(2));
            long watched = interrupted;
            AppProcess.polling(Duration.ofMillis(200), Duration.ofMinutes(2)).alias("5 metric points")
                    .until(() -> first.metricCount(watched) >= 5);
            pointsBeforeKill = first.metricCount(interrupted);
            assertThat(pointsBeforeKill).isGreaterThanOrEqualTo(5);
            trainers = first.trainers();
            assertThat(trainers).hasSize(1);
        } finally {
            first.kill9();
        }

        // The orphaned trainer notices that its server is gone and stops by itself.
        List<ProcessHandle> orphans = trainers;
        AppProcess.polling(Duration.ofMillis(100), Duration.ofSeconds(15)).alias("the orphaned trainer to stop")
                .until(() -> orphans.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(trainers).noneMatch(ProcessHandle::isAlive);

        JsonNode afterFirstRestart;
        try (AppProcess second = AppProcess.start(dataDir, port)) {
            afterFirstRestart = second.run(interrupted);
            assertThat(afterFirstRestart.get("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(afterFirstRestart.get("error").asText()).contains("server stopped");
            assertThat(second.metricCount(interrupted)).isGreaterThanOrEqualTo(pointsBeforeKill);

            JsonNode finishedAfter = second.run(finished);
            assertThat(finishedAfter.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(finishedAfter.get("metrics")).isEqualTo(finishedBefore.get("metrics"));
            assertThat(second.metricCount(finished)).isEqualTo(finishedPoints);
            assertThat(second.trainers()).isEmpty();
        }

        // Recovery is idempotent: a second restart changes nothing more.
        try (AppProcess third = AppProcess.start(dataDir, port)) {
            JsonNode again = third.run(interrupted);
            assertThat(again.get("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(again.get("finishedAt")).isEqualTo(afterFirstRestart.get("finishedAt"));
            assertThat(again.get("error")).isEqualTo(afterFirstRestart.get("error"));
        }
    }

    @Test
    void a_server_stopped_cleanly_stops_its_trainer_and_records_the_run_as_interrupted() throws Exception {
        int port = AppProcess.freePort();
        long id;
        List<ProcessHandle> trainers;
        try (AppProcess app = AppProcess.start(dataDir, port)) {
            id = app.submit(Specs.longTextgen());
            app.awaitStatus(id, "RUNNING", Duration.ofMinutes(2));
            AppProcess.polling(Duration.ofMillis(100), Duration.ofMinutes(1)).alias("a trainer process")
                    .until(() -> !app.trainers().isEmpty());
            trainers = app.trainers();
            assertThat(trainers).hasSize(1);
        }
        assertThat(trainers).noneMatch(ProcessHandle::isAlive);
        try (AppProcess again = AppProcess.start(dataDir, port)) {
            JsonNode run = again.run(id);
            assertThat(run.get("status").asText()).isEqualTo("INTERRUPTED");
            assertThat(run.get("error").asText()).contains("shut down");
        }
    }
}
