package com.seqplay.run.history;

import com.seqplay.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Experiments in H2; their runs point at them ({@code runs.experiment_id}). */
@Repository
class ExperimentRepository {
    private static final TypeReference<LinkedHashMap<String, List<JsonNode>>> VARY = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final HistoryRepository history;
    private final ObjectMapper json = Json.MAPPER;

    ExperimentRepository(JdbcClient jdbc, HistoryRepository history) {
        this.jdbc = jdbc;
        this.history = history;
    }

    long insert(String owner, String name, JsonNode base, Map<String, List<JsonNode>> vary, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into experiments (owner, name, base_spec, vary, created_at) values (?, ?, ?, ?, ?)")
                .params(owner, name, base.toString(), write(vary), Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    Optional<Experiment> find(long id) {
        return jdbc.sql("select id, owner, name, base_spec, vary, created_at from experiments where id = ?").param(id)
                .query((rs, n) -> new Experiment(rs.getLong(1), rs.getString(2), rs.getString(3), read(rs.getString(4)),
                        readVary(rs.getString(5)), rs.getTimestamp(6).toInstant(), history.experimentRuns(id)))
                .optional();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable experiment", e);
        }
    }

    private Map<String, List<JsonNode>> readVary(String text) {
        try {
            return json.readValue(text, VARY);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable experiment", e);
        }
    }
}
