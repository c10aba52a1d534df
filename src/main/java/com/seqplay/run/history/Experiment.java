package com.seqplay.run.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A grid of runs launched together: one base specification and, for each varied field, the
 * values it takes; every combination is one run.
 *
 * @param vary field name (a flat specification field, or {@code clipping.mode} style for a part of
 *     one) to the values it takes, in the order given
 */
public record Experiment(long id, String owner, String name, JsonNode base, Map<String, List<JsonNode>> vary,
        Instant createdAt, List<Long> runIds) {}
