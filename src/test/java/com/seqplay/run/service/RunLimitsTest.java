package com.seqplay.run.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.seqplay.config.LimitProperties;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.SpecProblem;
import com.seqplay.upload.service.DatasetService;
import com.seqplay.upload.service.StorageQuotaExceededException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.util.unit.DataSize;

/**
 * The server's limits on runs and uploads through the services, with tight settings: caps refused
 * with their numbers before anything is stored, the upload quota, and the watchdog that ends a
 * trainer gone silent.
 */
@SpringJUnitConfig({RunServicesTestConfig.class, RunLimitsTest.Tight.class})
class RunLimitsTest {
    static final Duration STALL = Duration.ofSeconds(1);

    @Configuration
    static class Tight {
        /** Replaces the defaults of {@link RunServicesTestConfig} (same bean name). */
        @Bean
        LimitProperties limits() {
            return new LimitProperties(DataSize.ofMegabytes(1), 1_000_000, 50, Duration.ofHours(1),
                    DataSize.ofKilobytes(10), STALL, Duration.ofMinutes(2), DataSize.ofBytes(0));
        }
    }

    @Autowired
    RunService service;
    @Autowired
    DatasetService datasets;
    @Autowired
    FakeTrainerLauncher launcher;

    @Test
    void a_run_over_the_caps_is_refused_with_each_number_before_it_is_stored() {
        int before = service.count();
        String spec = """
                {"name":"huge","task":"textgen","cell":"lstm","epochs":60,"layers":2,"hiddenSize":512,"maxWallSeconds":7200}""";

        assertThatThrownBy(() -> service.submit(SpecJson.parse(spec)))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::field, SpecProblem::message)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("epochs", "60 is more than this server allows: at most 50"),
                                org.assertj.core.groups.Tuple.tuple("maxWallSeconds",
                                        "7200 s is more than this server allows: at most 3600 s"),
                                org.assertj.core.groups.Tuple.tuple("hiddenSize", "the model would have about 4198400"
                                        + " weights (2 layers of 512 units); this server allows at most 1000000")));
        assertThat(service.count()).isEqualTo(before);
    }

    @Test
    void a_trainer_that_goes_silent_ends_failed_as_stalled_within_the_timeout() {
        launcher.script("silent", TrainerScript.trainer().hold());
        long started = System.nanoTime();
        Run run = service.submit(SpecJson.parse("""
                {"name":"silent","task":"textgen","cell":"lstm","epochs":1}"""));

        await().atMost(STALL.plusSeconds(5)).until(() -> service.get(run.id()).status() == RunStatus.FAILED);
        Duration detected = Duration.ofNanos(System.nanoTime() - started);

        assertThat(service.get(run.id()).error()).startsWith("stalled: no progress for 1 s");
        assertThat(launcher.trainer("silent")).hasValueSatisfying(t -> assertThat(t.wasStopped()).isTrue());
        assertThat(detected).isLessThan(STALL.multipliedBy(3));
    }

    @Test
    void uploads_past_the_per_user_quota_are_refused_with_the_sizes() {
        byte[] text = "the quick brown fox jumps over the lazy dog. ".repeat(150).getBytes(StandardCharsets.UTF_8);
        datasets.upload("textgen", "first.txt", text);

        assertThatThrownBy(() -> datasets.upload("textgen", "second.txt", text))
                .isInstanceOf(StorageQuotaExceededException.class)
                .hasMessage("This upload of 6.6 KB would bring your uploads to 13.2 KB; your storage quota is 10.0 KB.");
        assertThat(datasets.storageByOwner()).as("what the admin page shows").containsEntry("local", (long) text.length);
    }
}
