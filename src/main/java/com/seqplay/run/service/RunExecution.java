package com.seqplay.run.service;

import com.seqplay.events.EventCodec;
import com.seqplay.events.TrainerEvent;
import com.seqplay.run.domain.RunStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one trainer from start to exit on its own thread: records its events as they arrive
 * and, when it ends, gives the run its honest final status.
 */
final class RunExecution implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RunExecution.class);
    private static final long PROGRESS_EVERY_MS = 1000;
    private final long runId;
    private final RunningTrainer trainer;
    private final Path logFile;
    private final RunRecorder recorder;
    private volatile boolean cancelRequested;
    private volatile boolean serverStopping;
    private TrainerEvent.Result result;
    /** When the trainer last wrote a line: the watchdog's measure of life. */
    private volatile long lastOutputNanos = System.nanoTime();
    private volatile String stalledReason;
    private String lastError;
    private long lastProgressWrite;
    /** Counted down once the trainer has exited and everything it reported is stored. */
    private final CountDownLatch ended = new CountDownLatch(1);

    RunExecution(long runId, RunningTrainer trainer, Path logFile, RunRecorder recorder) {
        this.runId = runId;
        this.trainer = trainer;
        this.logFile = logFile;
        this.recorder = recorder;
    }

    long pid() {
        return trainer.pid();
    }

    void cancel() {
        cancelRequested = true;
        trainer.stop(Duration.ofSeconds(5));
    }

    /**
     * The server shuts down: the trainer is asked to stop after its current batch (its last resume
     * point stays), and its exit is not a failure. Returns at once; see {@link #awaitEnd}.
     */
    void askToStopForShutdown() {
        serverStopping = true;
        trainer.requestStop();
    }

    /** Waits until the trainer has exited and its events are stored; false if it had not by then. */
    boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A trainer that did not stop when asked: closes its input (it halts) and kills it soon after. */
    void stopNow() {
        serverStopping = true;
        trainer.stop(Duration.ofSeconds(2));
    }

    /** How long the trainer has written nothing. */
    Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - lastOutputNanos);
    }

    /** Stops a trainer that stopped making progress; the run ends FAILED with this reason. */
    void stall(String reason) {
        stalledReason = reason;
        // A frozen process cannot exit gracefully anyway: kill it soon after asking.
        trainer.stop(Duration.ofSeconds(1));
    }

    @Override
    public void run() {
        try {
            try {
                follow(trainer.output());
            } catch (IOException | RuntimeException e) {
                log.warn("run {}: lost the trainer's output", runId, e);
            }
            int exit;
            try {
                exit = trainer.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            settle(exit);
        } finally {
            ended.countDown();
        }
    }

    private void follow(BufferedReader out) throws IOException {
        List<TrainerEvent.Metric> pending = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            lastOutputNanos = System.nanoTime();
            var event = EventCodec.decode(line);
            if (event.isEmpty()) {
                appendLog(line);
            } else if (event.get() instanceof TrainerEvent.Metric metric) {
                pending.add(metric);
            } else {
                recorder.metrics(runId, pending);
                pending.clear();
                handle(event.get());
            }
            // Write a batch of points when the trainer pauses, so a chart sees them at once.
            if (!pending.isEmpty() && (!out.ready() || pending.size() >= 500)) {
                recorder.metrics(runId, pending);
                pending.clear();
            }
        }
        recorder.metrics(runId, pending);
    }

    private void handle(TrainerEvent event) {
        if (event instanceof TrainerEvent.Started e) {
            recorder.started(runId, e);
        } else if (event instanceof TrainerEvent.Progress e) {
            long now = System.currentTimeMillis();
            if (now - lastProgressWrite >= PROGRESS_EVERY_MS || e.step() == e.totalSteps()) {
                lastProgressWrite = now;
                recorder.progress(runId, e.step() / (double) Math.max(1, e.totalSteps()));
            }
        } else if (event instanceof TrainerEvent.Sample e) {
            recorder.sample(runId, e);
        } else if (event instanceof TrainerEvent.Result e) {
            result = e;
            RunStatus status = e.status() == TrainerEvent.ResultStatus.DIVERGED ? RunStatus.DIVERGED : RunStatus.SUCCEEDED;
            recorder.finish(runId, List.of(RunStatus.RUNNING), status, e,
                    status == RunStatus.DIVERGED ? e.message() : null);
            appendLog(status + ": " + e.message());
        } else if (event instanceof TrainerEvent.Error e) {
            lastError = e.message();
            appendLog("ERROR: " + e.message());
        } else if (event instanceof TrainerEvent.Log e) {
            appendLog(e.message());
        } else if (event instanceof TrainerEvent.Checkpoint e) {
            appendLog("checkpoint after epoch " + e.epoch() + ": " + e.path());
        }
    }

    private void settle(int exit) {
        if (serverStopping || result != null) {
            return;
        }
        if (stalledReason != null) {
            appendLog("FAILED: " + stalledReason);
            recorder.finish(runId, List.of(RunStatus.RUNNING), RunStatus.FAILED, null, stalledReason);
            return;
        }
        if (cancelRequested) {
            recorder.finish(runId, List.of(RunStatus.RUNNING), RunStatus.CANCELLED, null, "Cancelled by request");
            return;
        }
        String reason = TrainerExit.describe(exit, lastError, logFile);
        appendLog("FAILED: " + reason);
        recorder.finish(runId, List.of(RunStatus.RUNNING), RunStatus.FAILED, null, reason);
    }

    private void appendLog(String line) {
        try {
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("run {}: cannot write its log", runId, e);
        }
    }
}
