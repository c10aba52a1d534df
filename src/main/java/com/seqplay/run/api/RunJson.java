package com.seqplay.run.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.run.domain.Run;
import java.time.Instant;
import java.util.Map;

/** A run as the API shows it; the specification is a JSON object, not a string. */
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
        String error) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static RunJson of(Run r, Instant now) {
        JsonNode spec;
        try {
            spec = MAPPER.readTree(r.spec());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored specification is not JSON", e);
        }
        return new RunJson(r.id(), r.owner(), r.name(), r.task(), r.cell(), r.status().name(), r.createdAt(),
                r.startedAt(), r.finishedAt(), r.progress(), r.secondsLeft(now), r.backend(), r.device(), spec,
                r.metrics(), r.baselines(), r.error());
    }
}
