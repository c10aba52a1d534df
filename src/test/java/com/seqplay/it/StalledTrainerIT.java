package com.seqplay.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watchdog against a real trainer: one frozen with SIGSTOP (as a hung process, or a machine
 * swapping to death, looks from outside) writes nothing more, and the server ends its run FAILED
 * as stalled within the configured time, and the process is gone, so the slot is free again.
 */
class StalledTrainerIT {
    static final Duration STALL = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    @Test
    void a_trainer_frozen_with_sigstop_ends_failed_as_stalled_within_the_configured_time() throws Exception {
        try (AppProcess app = AppProcess.start(dataDir, "--seqplay.limits.stall-timeout=" + STALL.toSeconds() + "s")) {
            long id = app.submit(Specs.longTextgen());
            app.awaitStatus(id, "RUNNING", Duration.ofMinutes(2));
            AppProcess.polling(Duration.ofMillis(200), Duration.ofMinutes(2)).alias("3 metric points")
                    .until(() -> app.metricCount(id) >= 3);
            List<ProcessHandle> trainers = app.trainers();
            assertThat(trainers).hasSize(1);

            long frozenAt = System.nanoTime();
            Process stop = new ProcessBuilder("kill", "-STOP", Long.toString(trainers.get(0).pid())).start();
            assertThat(stop.waitFor()).isZero();
            JsonNode run = app.awaitStatus(id, "FAILED", STALL.plusSeconds(30));
            Duration detected = Duration.ofNanos(System.nanoTime() - frozenAt);
            System.out.printf("stalled trainer detected after %.1f s (stall timeout %d s)%n",
                    detected.toMillis() / 1000.0, STALL.toSeconds());

            assertThat(run.get("error").asText()).startsWith("stalled: no progress for ");
            assertThat(detected).isLessThan(STALL.plusSeconds(10));
            AppProcess.polling(Duration.ofMillis(100), Duration.ofSeconds(20)).alias("the frozen trainer to be gone")
                    .until(() -> trainers.stream().noneMatch(ProcessHandle::isAlive));

            long next = app.submit(Specs.quickTextgen(1));
            app.awaitStatus(next, "SUCCEEDED", Duration.ofMinutes(3));
        }
    }
}
