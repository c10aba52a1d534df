package com.seqplay.run.service;

import com.seqplay.config.LimitProperties;
import com.seqplay.config.SeqplayProperties;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Ends runs whose trainer stopped making progress, so that a hung or frozen process (a deadlock,
 * {@code kill -STOP}, a machine swapping to death) does not hold a slot for ever: one that writes
 * nothing for {@code seqplay.limits.stall-timeout}, or is still running
 * {@code seqplay.limits.wall-time-margin} after its own wall-time limit, is stopped and the run
 * ends FAILED "stalled: ...". A trainer writes progress every step, so silence means trouble. A
 * local trainer whose resident memory passes its limit ({@link TrainerMemory}) ends FAILED "out of
 * memory: ...".
 */
@Component
class RunWatchdog {
    private static final Logger log = LoggerFactory.getLogger(RunWatchdog.class);
    private final LimitProperties limits;
    private final TrainerMemory memory;
    private final Map<Long, Watched> watched = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-watchdog");
        t.setDaemon(true);
        return t;
    });

    private record Watched(RunExecution execution, long startNanos, long wallLimitSeconds) {}

    RunWatchdog(LimitProperties limits, SeqplayProperties properties) {
        this.limits = limits;
        this.memory = TrainerMemory.of(properties.trainer(), limits);
        // Checks often enough to act within a tenth of the timeout (and at least every 5 s).
        long every = Math.max(100, Math.min(5000, limits.stallTimeout().toMillis() / 10));
        timer.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    void watch(long runId, RunExecution execution, int wallLimitSeconds) {
        watched.put(runId, new Watched(execution, System.nanoTime(), wallLimitSeconds));
    }

    void forget(long runId) {
        watched.remove(runId);
    }

    void check() {
        long now = System.nanoTime();
        watched.forEach((id, w) -> verdict(w, now).ifPresent(reason -> {
            log.warn("run {}: {}; stopping its trainer (pid {})", id, reason, w.execution().pid());
            watched.remove(id);
            w.execution().stall(reason);
        }));
    }

    private Optional<String> verdict(Watched w, long now) {
        Duration silent = w.execution().silentFor();
        if (silent.compareTo(limits.stallTimeout()) >= 0) {
            return Optional.of("stalled: no progress for " + silent.toSeconds() + " s (the limit is "
                    + limits.stallTimeout().toSeconds() + " s)");
        }
        long running = TimeUnit.NANOSECONDS.toSeconds(now - w.startNanos());
        long overdue = running - w.wallLimitSeconds();
        if (overdue >= limits.wallTimeMargin().toSeconds() && overdue > 0) {
            return Optional.of("stalled: still running " + overdue + " s after its wall-time limit of "
                    + w.wallLimitSeconds() + " s");
        }
        return memory.overLimit(w.execution().pid());
    }

    @jakarta.annotation.PreDestroy
    void shutdown() {
        timer.shutdownNow();
    }
}
