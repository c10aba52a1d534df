package com.seqplay.run.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.TextSample;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.domain.Sample;
import com.seqplay.spec.SpecJson;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * The life of a run through the services (submit, queue, start, record, finish, cancel) on the
 * real database, with scripted trainers instead of child JVMs: each test takes milliseconds.
 * The context is built by Spring as the application builds it, so the scheduler's start-up
 * (recovery, dispatcher) and shutdown run as they do in the server.
 */
@SpringJUnitConfig(RunServicesTestConfig.class)
class RunServiceTest {
    /** Generous for a machine under load; a passing test takes milliseconds. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicInteger NAMES = new AtomicInteger();

    @Autowired
    RunService service;
    @Autowired
    RunUpdates updates;
    @Autowired
    RunScheduler scheduler;
    @Autowired
    FakeTrainerLauncher launcher;

    @BeforeEach
    void nothingIsTraining() {
        assertThat(scheduler.activeCount()).isZero();
    }

    /** Whatever a test left queued or running is cancelled, so the next test starts with an empty queue. */
    @AfterEach
    void cancelLeftovers() {
        service.list(0, 1000).stream().filter(r -> !r.status().isFinal()).forEach(r -> service.cancel(r.id()));
        waiting().until(() -> scheduler.activeCount() == 0);
    }

    @Test
    void a_run_is_queued_then_runs_then_succeeds_with_its_result_metrics_samples_and_log() {
        String name = uniqueName("happy");
        launcher.script(name, TrainerScript.trainer()
                .print("a library talks on standard output")
                .emit(new TrainerEvent.Metric("train_loss", 1, 1, 2.0))
                .emit(new TrainerEvent.Metric("train_loss", 2, 1, 1.5))
                .emit(new TrainerEvent.Metric("grad_norm", 2, 1, Double.NaN))
                .emit(new TrainerEvent.Progress(2, 4, 1))
                .emit(new TrainerEvent.Sample(1, new TextSample("the cat", " sat")))
                .emit(new TrainerEvent.Metric("train_loss", 3, 2, 1.0))
                .emit(new TrainerEvent.Result(TrainerEvent.ResultStatus.SUCCEEDED, Map.of("loss", 0.9), Map.of("uniform", 3.3), "done")));
        List<RunStatus> seen = new CopyOnWriteArrayList<>();
        Runnable unsubscribe = updates.subscribeAll(u -> {
            if (u.run() != null && u.run().name().equals(name)) {
                seen.add(u.run().status());
            }
        });
        try {
            Run submitted = service.submit(SpecJson.parse(spec(name)));
            assertThat(submitted.status()).isIn(RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.SUCCEEDED);

            Run done = awaitStatus(submitted.id(), RunStatus.SUCCEEDED);
            // Watchers hear of a change just after it is stored.
            waiting().until(() -> seen.contains(RunStatus.SUCCEEDED));

            // QUEUED may be skipped here (the dispatcher can be quicker than the first publication);
            // the queue test below holds a run in QUEUED on purpose.
            assertThat(seen).containsSubsequence(RunStatus.RUNNING, RunStatus.SUCCEEDED).last()
                    .isEqualTo(RunStatus.SUCCEEDED);
            assertThat(done.backend()).isEqualTo("fake");
            assertThat(done.device()).isEqualTo("no device");
            assertThat(done.progress()).isEqualTo(1.0);
            assertThat(done.metrics()).containsEntry("loss", 0.9);
            assertThat(done.baselines()).containsEntry("uniform", 3.3);
            assertThat(done.error()).isNull();
            assertThat(done.startedAt()).isNotNull();
            assertThat(done.finishedAt()).isAfterOrEqualTo(done.startedAt());

            Map<String, List<MetricPoint>> series = service.metrics(done.id());
            assertThat(series.get("train_loss")).extracting(MetricPoint::step).containsExactly(1L, 2L, 3L);
            assertThat(series.get("train_loss")).extracting(MetricPoint::value).containsExactly(2.0, 1.5, 1.0);
            assertThat(series).as("a NaN point cannot be drawn and is not stored").doesNotContainKey("grad_norm");
            assertThat(service.samples(done.id())).extracting(Sample::kind, Sample::epoch, Sample::payload)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("text", 1, new TextSample("the cat", " sat")));
            assertThat(service.log(done.id(), 50)).contains("a library talks on standard output")
                    .anyMatch(line -> line.startsWith("SUCCEEDED"));
        } finally {
            unsubscribe.run();
        }
    }

    @Test
    void a_diverged_result_ends_the_run_diverged_with_its_reason() {
        String name = uniqueName("diverges");
        launcher.script(name, TrainerScript.trainer()
                .emit(new TrainerEvent.Metric("train_loss", 1, 1, 1e30))
                .emit(new TrainerEvent.Result(TrainerEvent.ResultStatus.DIVERGED, Map.of(), Map.of(), "the loss became NaN at step 2")));

        Run run = awaitStatus(service.submit(SpecJson.parse(spec(name))).id(), RunStatus.DIVERGED);

        assertThat(run.error()).isEqualTo("the loss became NaN at step 2");
        assertThat(service.metrics(run.id()).get("train_loss")).hasSize(1);
    }

    @Test
    void a_trainer_that_exits_without_a_result_fails_with_its_last_error_and_exit_code() {
        String name = uniqueName("crashes");
        launcher.script(name, TrainerScript.trainer()
                .emit(new TrainerEvent.Metric("train_loss", 1, 1, 2.0))
                .emit(new TrainerEvent.Error("the dataset vanished"))
                .exit(3));

        Run run = awaitStatus(service.submit(SpecJson.parse(spec(name))).id(), RunStatus.FAILED);

        assertThat(run.error()).isEqualTo("the dataset vanished (exit code 3)");
        assertThat(service.metrics(run.id()).get("train_loss")).as("points before the crash are kept").hasSize(1);
    }

    @Test
    void a_trainer_that_ran_out_of_memory_is_told_apart_from_other_failures() {
        String name = uniqueName("oom");
        launcher.script(name, TrainerScript.trainer()
                .print("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space")
                .exit(3));

        Run run = awaitStatus(service.submit(SpecJson.parse(spec(name))).id(), RunStatus.FAILED);

        assertThat(run.error()).startsWith("The trainer ran out of memory (exit code 3)");
    }

    @Test
    void a_trainer_that_cannot_be_started_fails_the_run_with_the_reason() {
        String name = uniqueName("no-java");
        launcher.failToStart(name, new IOException("Cannot run program \"java\""));

        Run run = awaitStatus(service.submit(SpecJson.parse(spec(name))).id(), RunStatus.FAILED);

        assertThat(run.error()).isEqualTo("The trainer could not be started: Cannot run program \"java\"");
        assertThat(scheduler.activeCount()).isZero();
    }

    @Test
    void runs_start_in_order_of_submission_and_never_more_than_the_limit_at_once() {
        List<String> names = List.of(uniqueName("first"), uniqueName("second"), uniqueName("third"));
        names.forEach(n -> launcher.script(n, TrainerScript.succeedingWhenReleased()));
        List<Long> ids = names.stream().map(n -> service.submit(SpecJson.parse(spec(n))).id()).toList();

        awaitStatus(ids.get(0), RunStatus.RUNNING);
        awaitStatus(ids.get(1), RunStatus.RUNNING);
        // The third waits as long as both places are taken (the dispatcher looks every second too).
        waiting().during(Duration.ofMillis(1200))
                .until(() -> service.get(ids.get(2)).status() == RunStatus.QUEUED);
        assertThat(scheduler.activeCount()).isEqualTo(RunServicesTestConfig.MAX_CONCURRENT);

        startedTrainer(names.get(1)).release();
        awaitStatus(ids.get(1), RunStatus.SUCCEEDED);
        awaitStatus(ids.get(2), RunStatus.RUNNING);
        assertThat(service.get(ids.get(0)).status()).isEqualTo(RunStatus.RUNNING);

        startedTrainer(names.get(0)).release();
        startedTrainer(names.get(2)).release();
        ids.forEach(id -> awaitStatus(id, RunStatus.SUCCEEDED));
        assertThat(launcher.startOrder()).containsSubsequence(names);
        assertThat(launcher.mostAlive()).isLessThanOrEqualTo(RunServicesTestConfig.MAX_CONCURRENT);
    }

    @Test
    void cancelling_a_queued_run_ends_it_before_any_trainer_starts() {
        List<String> busy = List.of(uniqueName("busy"), uniqueName("busy"));
        busy.forEach(n -> launcher.script(n, TrainerScript.succeedingWhenReleased()));
        busy.forEach(n -> service.submit(SpecJson.parse(spec(n))));
        busy.forEach(this::startedTrainer);
        String name = uniqueName("waiting");
        long id = service.submit(SpecJson.parse(spec(name))).id();
        assertThat(service.get(id).status()).isEqualTo(RunStatus.QUEUED);

        Run cancelled = service.cancel(id);

        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.error()).isEqualTo("Cancelled before it started");
        assertThat(cancelled.startedAt()).isNull();
        busy.forEach(n -> startedTrainer(n).release());
        waiting().until(() -> scheduler.activeCount() == 0);
        assertThat(launcher.startOrder()).doesNotContain(name);
    }

    @Test
    void cancelling_a_running_run_stops_its_trainer_and_keeps_what_it_recorded() {
        String name = uniqueName("hangs");
        launcher.script(name, TrainerScript.trainer()
                .emit(new TrainerEvent.Metric("train_loss", 1, 1, 2.0))
                .emit(new TrainerEvent.Sample(1, new TextSample("so", " far")))
                .hold()
                .emit(new TrainerEvent.Result(TrainerEvent.ResultStatus.SUCCEEDED, Map.of("loss", 0.1), Map.of(), "never reached")));
        long id = service.submit(SpecJson.parse(spec(name))).id();
        awaitStatus(id, RunStatus.RUNNING);
        waiting().until(() -> service.samples(id).size() == 1);

        long start = System.nanoTime();
        Run cancelled = service.cancel(id);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(cancelled.status()).as("cancel returns the settled run").isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.error()).isEqualTo("Cancelled by request");
        assertThat(cancelled.metrics()).as("the result after the stop never arrives").isNull();
        assertThat(took).isLessThan(Duration.ofSeconds(2));
        assertThat(launcher.trainer(name).orElseThrow().wasStopped()).isTrue();
        assertThat(service.metrics(id).get("train_loss")).hasSize(1);
        assertThat(service.samples(id)).extracting(Sample::payload).containsExactly(new TextSample("so", " far"));
    }

    @Test
    void cancelling_a_finished_run_leaves_it_as_it_was() {
        String name = uniqueName("finished");
        long id = service.submit(SpecJson.parse(spec(name))).id();
        Run done = awaitStatus(id, RunStatus.SUCCEEDED);

        Run after = service.cancel(id);

        assertThat(after.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(after.finishedAt()).isEqualTo(done.finishedAt());
        assertThat(after.metrics()).isEqualTo(done.metrics());
    }

    private Run awaitStatus(long id, RunStatus status) {
        waiting().until(() -> service.get(id).status() == status);
        return service.get(id);
    }

    /** A run is RUNNING a moment before its trainer starts: wait for the trainer itself. */
    private FakeTrainerLauncher.FakeTrainer startedTrainer(String runName) {
        return waiting().until(() -> launcher.trainer(runName), java.util.Optional::isPresent).orElseThrow();
    }

    /** Looks every few milliseconds: the fake trainers answer at once, Awaitility's 100 ms default would dominate. */
    private static ConditionFactory waiting() {
        return await().atMost(WAIT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5));
    }

    private static String uniqueName(String what) {
        return what + "-" + NAMES.incrementAndGet();
    }

    /** A valid specification; the fake trainer never reads more of it than the name. */
    private static String spec(String name) {
        return """
                {"name":"%s","task":"textgen","cell":"lstm","epochs":1}""".formatted(name);
    }
}
