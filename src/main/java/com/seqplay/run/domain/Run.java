package com.seqplay.run.domain;

import com.seqplay.spec.CellType;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.TaskType;
import com.seqplay.task.Verdict;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;

/** A training run as history keeps it, with its completed specification. */
public record Run(
        long id,
        String owner,
        String name,
        RunSpec spec,
        long seed,
        RunStatus status,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        String backend,
        String device,
        Double progress,
        Map<String, Double> metrics,
        Map<String, Double> baselines,
        String error) {

    public TaskType task() {
        return spec.task();
    }

    public CellType cell() {
        return spec.cell();
    }

    /** Whether the finished run beat its task's baseline on the main metric; empty without both numbers. */
    public Optional<Verdict> verdict() {
        return status == RunStatus.SUCCEEDED ? Verdict.of(task(), metrics, baselines) : Optional.empty();
    }

    /** Seconds left, estimated from the time taken so far and the progress; null if unknown. */
    public Long secondsLeft(Instant now) {
        if (status != RunStatus.RUNNING || startedAt == null || progress == null || progress <= 0.01) {
            return null;
        }
        double elapsed = (now.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
        return Math.round(elapsed * (1 - progress) / progress);
    }
}
