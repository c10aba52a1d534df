package com.seqplay.run.domain;

import java.time.Instant;
import java.util.Map;

/** A training run as history keeps it. {@code spec} is the completed specification as JSON. */
public record Run(
        long id,
        String owner,
        String name,
        String task,
        String cell,
        String spec,
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

    /** Seconds left, estimated from the time taken so far and the progress; null if unknown. */
    public Long secondsLeft(Instant now) {
        if (status != RunStatus.RUNNING || startedAt == null || progress == null || progress <= 0.01) {
            return null;
        }
        double elapsed = (now.toEpochMilli() - startedAt.toEpochMilli()) / 1000.0;
        return Math.round(elapsed * (1 - progress) / progress);
    }
}
