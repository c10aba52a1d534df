package com.seqplay.run.service;

import com.seqplay.run.domain.RunFolder;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.upload.service.DatasetService;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.spec.SpecJson;
import jakarta.annotation.PostConstruct;
import com.seqplay.events.ResumeSummary;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts queued runs, users taking turns ({@link FairQueue}; one user's runs in order of
 * submission), at most {@code seqplay.runs.max-concurrent} at a time, each in its own trainer
 * process followed by its own thread; a {@link RunWatchdog} ends those that stall.
 */
@Component
public class RunScheduler {
    private static final Logger log = LoggerFactory.getLogger(RunScheduler.class);
    private final RunRepository runs;
    private final RunRecorder recorder;
    private final TrainerLauncher launcher;
    private final RunRecovery recovery;
    private final DatasetService datasets;
    private final RunWatchdog watchdog;
    private final FairQueue queue;
    private final SeqplayProperties properties;
    private final Clock clock;
    private final Map<Long, RunExecution> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-dispatcher");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;
    private final AtomicBoolean shutDown = new AtomicBoolean();
    /**
     * How long a shutdown waits for trainers to stop after their current batch. A batch takes
     * milliseconds to a few seconds; a trainer in its final scoring (backtests) may not stop at all
     * and is killed after this, its resume point whole.
     */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(15);

    RunScheduler(RunRepository runs, RunRecorder recorder, TrainerLauncher launcher, RunRecovery recovery,
            DatasetService datasets, RunWatchdog watchdog, FairQueue queue, SeqplayProperties properties,
            Clock clock) {
        this.runs = runs;
        this.recorder = recorder;
        this.launcher = launcher;
        this.recovery = recovery;
        this.datasets = datasets;
        this.watchdog = watchdog;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Recovery runs while the context starts, before the web server takes requests: a run
     * submitted in the first second must never be mistaken for one left behind.
     */
    @PostConstruct
    void start() {
        recovery.recover();
        dispatcher.scheduleWithFixedDelay(this::dispatch, 0, 1, TimeUnit.SECONDS);
    }

    /** Looks for work now rather than at the next tick (after a submission or a finished run). */
    void wake() {
        if (!stopping) {
            dispatcher.execute(this::dispatch);
        }
    }

    int activeCount() {
        return active.size();
    }

    /** True once the server has begun to shut down: no run is started or accepted any more. */
    boolean isStopping() {
        return stopping;
    }

    /** Every queued run's place and what it waits for. */
    Map<Long, QueueSlot> queueSlots() {
        return queue.slots(runs.queued(), runs.runningByOwner(), active.size(), properties.runs().maxConcurrent());
    }

    /** Stops a running run's trainer; the run ends CANCELLED. False if this server is not running it. */
    boolean cancel(long runId) {
        RunExecution execution = active.get(runId);
        if (execution == null) {
            return false;
        }
        execution.cancel();
        return true;
    }

    private synchronized void dispatch() {
        try {
            while (!stopping && active.size() < properties.runs().maxConcurrent()) {
                var next = queue.next(runs.queued(), runs.runningByOwner());
                if (next.isEmpty()) {
                    return;
                }
                long id = next.get().id();
                if (runs.markRunning(id, clock.instant())) {
                    queue.served(next.get().owner());
                    launch(runs.find(id).orElseThrow());
                }
            }
        } catch (RuntimeException e) {
            log.error("dispatching runs failed; will retry", e);
        }
    }

    private void launch(Run run) {
        recorder.publishRun(run.id());
        RunFolder folder = RunFolder.of(properties.runsDir(), run.id());
        Path dir = folder.path();
        try {
            Files.createDirectories(dir);
            Path specFile = folder.specFile();
            Files.writeString(specFile, SpecJson.write(run.spec()), StandardCharsets.UTF_8);
            // Only a resumed run has a resume point: a new run's folder is created just above.
            boolean resume = Files.isRegularFile(dir.resolve(ResumeSummary.FILE));
            RunningTrainer trainer = launcher.start(run.id(), specFile, dir, copyDataset(run, folder), resume);
            runs.recordProcess(run.id(), trainer.pid());
            var execution = new RunExecution(run.id(), trainer, folder.logFile(), recorder);
            active.put(run.id(), execution);
            watchdog.watch(run.id(), execution, run.spec().maxWallSeconds());
            if (runs.find(run.id()).map(r -> r.status() != RunStatus.RUNNING).orElse(true)) {
                // Cancelled between being picked and being registered: nobody else will stop it.
                execution.cancel();
            }
            Thread thread = new Thread(() -> {
                try {
                    execution.run();
                } finally {
                    watchdog.forget(run.id());
                    active.remove(run.id());
                    wake();
                }
            }, "run-" + run.id());
            thread.setDaemon(true);
            thread.start();
        } catch (IOException | RuntimeException e) {
            log.error("run {} could not start", run.id(), e);
            recorder.finish(run.id(), List.of(RunStatus.RUNNING), RunStatus.FAILED, null,
                    "The trainer could not be started: " + e.getMessage());
        }
    }

    /**
     * A run's folder holds its dataset file, so that the folder alone reproduces it
     * ({@code seqplay train spec.json --dataset-file dataset}): a hard link to the upload, which
     * is never changed after it is stored, so that fifty runs on one upload take its space once.
     * A copy only where the file system has no hard links across the two folders.
     */
    private Optional<Path> copyDataset(Run run, RunFolder folder) throws IOException {
        var upload = datasets.find(run.spec().dataset());
        Path link = folder.datasetFile();
        if (upload.isEmpty()) {
            // A resumed run whose upload was deleted since it started still has its own link.
            return Files.isRegularFile(link) ? Optional.of(link) : Optional.empty();
        }
        Path stored = datasets.file(upload.get());
        Files.deleteIfExists(link);
        try {
            Files.createLink(link, stored);
        } catch (IOException | UnsupportedOperationException e) {
            log.info("run {}: cannot hard-link the upload ({}); copying it", run.id(), e.toString());
            Files.copy(stored, link, StandardCopyOption.REPLACE_EXISTING);
        }
        return Optional.of(link);
    }

    /**
     * A clean shutdown (SIGTERM, or the context closing): from the first moment nothing new is
     * accepted or started; every trainer is asked to stop after its current batch, all of them at
     * once, and given {@link #SHUTDOWN_GRACE} to exit (its events are stored as it goes); a run
     * that finished meanwhile keeps its result, the others become INTERRUPTED and can be resumed
     * from their last finished epoch; a trainer still alive then is killed. This runs on the
     * context-closed event, before the web server stops (so submissions get a 503 meanwhile) and
     * before the database closes.
     */
    @EventListener(ContextClosedEvent.class)
    void onContextClosed() {
        shutdown();
    }

    @PreDestroy
    void shutdown() {
        stopping = true;
        if (!shutDown.compareAndSet(false, true)) {
            return;
        }
        dispatcher.shutdownNow();
        Map<Long, RunExecution> running;
        synchronized (this) { // a dispatch in progress finishes its launch first
            running = Map.copyOf(active);
        }
        if (running.isEmpty()) {
            return;
        }
        log.info("shutting down: asking {} trainer(s) to stop after their current batch", running.size());
        running.values().forEach(RunExecution::askToStopForShutdown);
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        for (var entry : running.entrySet()) {
            long runId = entry.getKey();
            boolean exited = awaitEnd(entry.getValue(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (recorder.finish(runId, List.of(RunStatus.RUNNING), RunStatus.INTERRUPTED, null, interruptedReason(runId))) {
                log.info("run {} is INTERRUPTED{}", runId, exited ? "" : " (its trainer did not stop in time)");
            }
            if (!exited) {
                entry.getValue().stopNow();
            }
        }
    }

    private static boolean awaitEnd(RunExecution execution, Duration timeout) {
        try {
            return execution.awaitEnd(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String interruptedReason(long runId) {
        String reason = "The server shut down while this run was training.";
        try {
            return ResumeSummary.read(RunFolder.of(properties.runsDir(), runId).path())
                    .map(p -> reason + " It can be resumed after epoch " + p.epochsDone() + ".")
                    .orElse(reason + " No epoch had ended, so it cannot be resumed.");
        } catch (IOException e) {
            return reason;
        }
    }
}
