package com.seqplay.run.domain;

import com.seqplay.spec.CellType;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.TaskType;
import com.seqplay.task.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A training run as history keeps it, with its completed specification, what people wrote about
 * it (notes, tags), the best value its task's main metric reached, and the experiment (grid) it
 * belongs to, if any.
 */
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
        String error,
        String notes,
        List<String> tags,
        Double bestMetric,
        Long experimentId) {

    public Run {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A run without notes, tags, best value or experiment. */
    public Run(long id, String owner, String name, RunSpec spec, long seed, RunStatus status, Instant createdAt,
            Instant startedAt, Instant finishedAt, String backend, String device, Double progress,
            Map<String, Double> metrics, Map<String, Double> baselines, String error) {
        this(id, owner, name, spec, seed, status, createdAt, startedAt, finishedAt, backend, device, progress, metrics,
                baselines, error, null, List.of(), null, null);
    }

    /** Seconds from start to finish (or to now while it runs); null before it started. */
    public Long durationSeconds(Instant now) {
        if (startedAt == null) {
            return null;
        }
        Instant end = finishedAt != null ? finishedAt : status == RunStatus.RUNNING ? now : null;
        return end == null ? null : Math.max(0, (end.toEpochMilli() - startedAt.toEpochMilli()) / 1000);
    }

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
