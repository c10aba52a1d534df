package com.seqplay.run.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.seqplay.events.ResumeSummary;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.TextSample;
import com.seqplay.json.Json;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.RunFolder;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.spec.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * A clean shutdown and a resume through the services, with scripted trainers, across two
 * "servers" (application contexts) on one data folder: the shutdown asks trainers to stop, marks
 * the run INTERRUPTED and refuses submissions meanwhile; the resumed run is launched with
 * {@code --resume}, its series continue without the points of the unfinished epoch, and it ends
 * SUCCEEDED; resuming anything but an INTERRUPTED run with a resume point is refused by name.
 */
class RunResumeTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    /** A server on {@link #dataDir}: the test configuration with its data folder kept across contexts. */
    private AnnotationConfigApplicationContext server() {
        var context = new AnnotationConfigApplicationContext();
        // registered before the configuration's own @Bean, which then steps aside (and deletes nothing on close)
        context.registerBean("dataDir", RunServicesTestConfig.TempDataDir.class,
                () -> new RunServicesTestConfig.TempDataDir(dataDir));
        context.register(RunServicesTestConfig.class);
        context.refresh();
        return context;
    }

    private static String spec(String name) {
        return """
                {"name":"%s","task":"textgen","cell":"lstm","epochs":2}""".formatted(name);
    }

    @Test
    void a_shutdown_interrupts_a_run_which_then_resumes_with_its_series_continuing_and_succeeds() throws Exception {
        long id;
        try (var first = server()) {
            RunService service = first.getBean(RunService.class);
            RunScheduler scheduler = first.getBean(RunScheduler.class);
            FakeTrainerLauncher launcher = first.getBean(FakeTrainerLauncher.class);
            launcher.script("epochs", TrainerScript.trainer()
                    .emit(new TrainerEvent.Metric("train_loss", 1, 1, 2.0))
                    .emit(new TrainerEvent.Metric("train_loss", 2, 1, 1.5))
                    .emit(new TrainerEvent.Metric("val_loss", 2, 1, 1.4))
                    .emit(new TrainerEvent.Sample(1, new TextSample("p", "epoch one")))
                    .emit(new TrainerEvent.Metric("train_loss", 3, 2, 1.2)) // epoch 2 begun, never finished
                    .hold());
            id = service.submit(SpecJson.parse(spec("epochs"))).id();
            long run = id;
            await().atMost(WAIT).until(() -> service.metrics(run).values().stream().mapToInt(List::size).sum() == 4);
            writeResumePoint(RunFolder.of(dataDir.resolve("runs"), id).path(), 1, 2,
                    Map.of("val_loss", 1.4, "accuracy", 0.6)); // as the trainer does after epoch 1, with a point the server never got
            assertThatThrownBy(() -> service.resume(run)).isInstanceOf(RunNotResumableException.class)
                    .hasMessageContaining("is RUNNING, not INTERRUPTED");

            scheduler.onContextClosed(); // what SIGTERM starts; the context's own close repeats nothing
            assertThat(launcher.trainer("epochs").orElseThrow().wasStopped()).isTrue();
            assertThat(service.get(id).status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(service.get(id).error()).contains("shut down").contains("resumed after epoch 1");
            assertThatThrownBy(() -> service.submit(SpecJson.parse(spec("late"))))
                    .isInstanceOf(ServerShuttingDownException.class).hasMessageContaining("shutting down");
        }

        try (var second = server()) {
            RunService service = second.getBean(RunService.class);
            FakeTrainerLauncher launcher = second.getBean(FakeTrainerLauncher.class);
            launcher.script("epochs", TrainerScript.trainer()
                    .emit(new TrainerEvent.Metric("train_loss", 3, 2, 1.1))
                    .emit(new TrainerEvent.Metric("train_loss", 4, 2, 1.0))
                    .emit(new TrainerEvent.Metric("val_loss", 4, 2, 0.9))
                    .emit(new TrainerEvent.Result(TrainerEvent.ResultStatus.SUCCEEDED, Map.of("bpc", 1.3), Map.of(), "done")));
            assertThat(service.canResume(service.get(id))).isTrue();

            assertThat(service.resume(id).status()).isIn(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.SUCCEEDED);
            long run = id;
            await().atMost(WAIT).until(() -> service.get(run).status() == RunStatus.SUCCEEDED);

            assertThat(launcher.resumed()).containsExactly("epochs");
            Map<String, List<MetricPoint>> series = service.metrics(id);
            assertThat(series.get("train_loss")).extracting(MetricPoint::step).containsExactly(1L, 2L, 3L, 4L);
            assertThat(series.get("train_loss")).extracting(MetricPoint::value).containsExactly(2.0, 1.5, 1.1, 1.0);
            assertThat(series.get("val_loss")).extracting(MetricPoint::epoch).containsExactly(1, 2);
            assertThat(series.get("accuracy")).as("a point of epoch 1 the server had lost is put back")
                    .extracting(MetricPoint::epoch).containsExactly(1);
            assertThat(service.samples(id)).hasSize(1);
            assertThat(service.get(id).metrics()).containsEntry("bpc", 1.3);
            assertThat(service.get(id).error()).isNull();
            assertThat(String.join("\n", service.log(id, 50))).contains("RESUMED").contains("It had been INTERRUPTED");
            assertThatThrownBy(() -> service.resume(run)).isInstanceOf(RunNotResumableException.class)
                    .hasMessage("Run " + id + " is SUCCEEDED, not INTERRUPTED: only an interrupted run can be resumed.");
            assertThat(service.canResume(service.get(id))).isFalse();
        }
    }

    @Test
    void an_interrupted_run_without_a_resume_point_is_refused() throws Exception {
        long id;
        try (var first = server()) {
            RunService service = first.getBean(RunService.class);
            first.getBean(FakeTrainerLauncher.class).script("early", TrainerScript.trainer()
                    .emit(new TrainerEvent.Metric("train_loss", 1, 1, 2.0)).hold());
            id = service.submit(SpecJson.parse(spec("early"))).id();
            long run = id;
            await().atMost(WAIT).until(() -> service.get(run).status() == RunStatus.RUNNING);
        }
        try (var second = server()) {
            RunService service = second.getBean(RunService.class);
            assertThat(service.get(id).status()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(service.get(id).error()).contains("cannot be resumed");
            assertThat(service.canResume(service.get(id))).isFalse();
            assertThatThrownBy(() -> service.resume(id)).isInstanceOf(RunNotResumableException.class)
                    .hasMessageContaining("INTERRUPTED but has no resume point");
            assertThat(service.get(id).status()).isEqualTo(RunStatus.INTERRUPTED);
        }
    }

    /** The summary part of a resume point, which is all the server reads. */
    static void writeResumePoint(Path runDir, int epochsDone, long step, Map<String, Double> lastEvaluation)
            throws Exception {
        Files.createDirectories(runDir);
        try (var zip = new ZipOutputStream(Files.newOutputStream(runDir.resolve(ResumeSummary.FILE)))) {
            zip.putNextEntry(new ZipEntry(ResumeSummary.ENTRY));
            zip.write(Json.MAPPER.writeValueAsBytes(new ResumeSummary(epochsDone, step, false,
                    List.of(new ResumeSummary.Evaluated(epochsDone, step, lastEvaluation)))));
            zip.closeEntry();
        }
    }
}
