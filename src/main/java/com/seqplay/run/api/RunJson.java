package com.seqplay.run.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.seqplay.events.health.HealthSummary;
import com.seqplay.run.domain.Run;
import com.seqplay.run.service.QueueSlot;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as the API shows it; the specification is a JSON object, not a string, and a finished
 * run carries its {@code verdict} against the task's baseline and the best value its main
 * metric reached ({@code bestMetric}); {@code health} is the training-health flag (vanishing or
 * exploding gradients, with the epoch, layer and measurement that raised it).
 */
record RunJson(
        long id,
        String owner,
        String name,
        String task,
        String cell,
        String status,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Double progress,
        Long secondsLeft,
        String backend,
        String device,
        JsonNode spec,
        Map<String, Double> metrics,
        Map<String, Double> baselines,
        Verdict verdict,
        String error,
        String notes,
        List<String> tags,
        Double bestMetric,
        Long durationSeconds,
        Long experimentId,
        Integer queuePosition,
        String waitingFor,
        HealthSummary health,
        Boolean resumable) {

    static RunJson of(Run r, Instant now) {
        return of(r, now, null);
    }

    /** With the run's place in the queue, while it waits. */
    static RunJson of(Run r, Instant now, QueueSlot slot) {
        return of(r, now, slot, null);
    }

    /** With the training-health flag its trainer kept (null: none yet, or a run from before it existed). */
    static RunJson of(Run r, Instant now, QueueSlot slot, HealthSummary health) {
        return of(r, now, slot, health, null);
    }

    /**
     * @param resumable for an INTERRUPTED run, whether it has a resume point ({@code POST
     *     /api/runs/{id}/resume} takes it); null otherwise
     */
    static RunJson of(Run r, Instant now, QueueSlot slot, HealthSummary health, Boolean resumable) {
        return new RunJson(r.id(), r.owner(), r.name(), r.task().id(), r.cell().id(), r.status().name(), r.createdAt(),
                r.startedAt(), r.finishedAt(), r.progress(), r.secondsLeft(now), r.backend(), r.device(),
                SpecJson.toTree(r.spec()),
                r.metrics(), r.baselines(), r.verdict().orElse(null), r.error(), r.notes(), r.tags(), r.bestMetric(),
                r.durationSeconds(now), r.experimentId(),
                slot == null ? null : slot.position(), slot == null ? null : slot.waitingFor(), health,
                r.status() == com.seqplay.run.domain.RunStatus.INTERRUPTED ? resumable : null);
    }
}
