package com.seqplay.run.history;

import com.seqplay.json.Json;

import com.seqplay.run.domain.MetricPoint;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.Sample;
import com.seqplay.spec.SpecJson;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import com.seqplay.run.service.RunRepository;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queries of a long run history: filtered, sorted pages with their total, annotations, tags,
 * deletion and the series of several runs at once. Filters and sorting read only columns of
 * {@code runs} (and the tag table), each with an index, so a page costs the same with ten or
 * ten thousand runs.
 */
@Repository
class HistoryRepository {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final RunRepository runs;
    private final ObjectMapper mapper = Json.MAPPER;

    HistoryRepository(JdbcClient jdbc, JdbcTemplate template, RunRepository runs) {
        this.jdbc = jdbc;
        this.template = template;
        this.runs = runs;
    }

    RunPage search(RunQuery query, ZoneId zone) {
        var where = new StringBuilder(" where 1 = 1");
        List<Object> params = new ArrayList<>();
        condition(where, params, "r.task = ?", query.task() == null ? null : query.task().id());
        condition(where, params, "r.cell = ?", query.cell() == null ? null : query.cell().id());
        condition(where, params, "r.clipping = ?", query.clipping() == null ? null : query.clipping().id());
        condition(where, params, "r.status = ?", query.status() == null ? null : query.status().name());
        condition(where, params, "r.owner = ?", query.owner());
        condition(where, params, "r.dataset = ?", query.dataset());
        condition(where, params, "r.experiment_id = ?", query.experiment());
        condition(where, params, "exists (select 1 from run_tags t where t.run_id = r.id and t.tag = ?)", query.tag());
        if (query.text() != null) {
            String like = "%" + query.text().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + "%";
            where.append(" and (lower(r.name) like ? or lower(r.notes) like ?)");
            params.add(like);
            params.add(like);
        }
        condition(where, params, "r.created_at >= ?",
                query.from() == null ? null : Timestamp.from(query.from().atStartOfDay(zone).toInstant()));
        condition(where, params, "r.created_at < ?",
                query.to() == null ? null : Timestamp.from(query.to().plusDays(1).atStartOfDay(zone).toInstant()));
        long total = jdbc.sql("select count(*) from runs r" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(query.limit());
        pageParams.add(query.offset());
        List<Run> page = jdbc.sql("select r.* from runs r" + where + " order by " + query.sort().orderBy()
                        + " limit ? offset ?")
                .params(pageParams).query(runs::map).list();
        return new RunPage(page, total);
    }

    private static void condition(StringBuilder where, List<Object> params, String sql, Object value) {
        if (value != null) {
            where.append(" and ").append(sql);
            params.add(value);
        }
    }

    /** Sets name, notes and tags; a null leaves that one as it is. */
    void annotate(long id, String name, String notes, List<String> tags) {
        if (name != null) {
            jdbc.sql("update runs set name = ? where id = ?").params(name, id).update();
        }
        if (notes != null) {
            jdbc.sql("update runs set notes = ? where id = ?").params(notes.isEmpty() ? null : notes, id).update();
        }
        if (tags != null) {
            jdbc.sql("delete from run_tags where run_id = ?").param(id).update();
            for (String tag : tags) {
                jdbc.sql("insert into run_tags (run_id, tag) values (?, ?)").params(id, tag).update();
            }
            jdbc.sql("update runs set tags = ? where id = ?").params(tags.isEmpty() ? null : String.join(",", tags), id)
                    .update();
        }
    }

    /** Removes the run; its metric points, samples and tags go with it (the foreign keys cascade). */
    boolean delete(long id) {
        return jdbc.sql("delete from runs where id = ?").param(id).update() == 1;
    }

    void joinExperiment(long runId, long experimentId) {
        jdbc.sql("update runs set experiment_id = ? where id = ?").params(experimentId, runId).update();
    }

    List<Long> experimentRuns(long experimentId) {
        return jdbc.sql("select id from runs where experiment_id = ? order by id").param(experimentId)
                .query(Long.class).list();
    }

    /**
     * The named series of several runs in one query, each in step order: run id, then series
     * name, then its points. The index on (run_id, name, step) serves it.
     */
    Map<Long, Map<String, List<MetricPoint>>> series(Collection<Long> runIds, Collection<String> names) {
        Map<Long, Map<String, List<MetricPoint>>> out = new LinkedHashMap<>();
        if (runIds.isEmpty() || names.isEmpty()) {
            return out;
        }
        String runMarks = String.join(",", runIds.stream().map(i -> "?").toList());
        String nameMarks = String.join(",", names.stream().map(n -> "?").toList());
        List<Object> params = new ArrayList<>(runIds);
        params.addAll(names);
        jdbc.sql("select run_id, name, step, epoch, val, wall_time from metric_points where run_id in (" + runMarks
                        + ") and name in (" + nameMarks + ") order by run_id, name, step")
                .params(params)
                .query(rs -> {
                    var p = new MetricPoint(rs.getString(2), rs.getLong(3), rs.getInt(4), rs.getDouble(5),
                            rs.getTimestamp(6).toInstant());
                    out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
                });
        return out;
    }

    /**
     * The latest epoch's samples of the given kinds for several runs in one query (each kind's
     * own latest epoch: the index on (run_id, epoch) serves the inner look-up), ordered by run,
     * epoch and insertion.
     */
    Map<Long, List<Sample>> latestSamples(Collection<Long> runIds, Collection<String> kinds) {
        Map<Long, List<Sample>> out = new LinkedHashMap<>();
        if (runIds.isEmpty() || kinds.isEmpty()) {
            return out;
        }
        String runMarks = String.join(",", runIds.stream().map(i -> "?").toList());
        String kindMarks = String.join(",", kinds.stream().map(n -> "?").toList());
        List<Object> params = new ArrayList<>(runIds);
        params.addAll(kinds);
        jdbc.sql("select s.run_id, s.kind, s.epoch, s.content, s.created_at from samples s where s.run_id in ("
                        + runMarks + ") and s.kind in (" + kindMarks + ") and s.epoch = (select max(m.epoch) from samples m"
                        + " where m.run_id = s.run_id and m.kind = s.kind) order by s.run_id, s.epoch, s.id")
                .params(params)
                .query(rs -> {
                    out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new Sample(rs.getString(2),
                            rs.getInt(3), rs.getString(4), rs.getTimestamp(5).toInstant()));
                });
        return out;
    }

    /** The runs among these ids, in the order given, in one query. */
    List<Run> runs(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", ids.stream().map(i -> "?").toList());
        Map<Long, Run> byId = new LinkedHashMap<>();
        jdbc.sql("select * from runs where id in (" + marks + ")").params(new ArrayList<Object>(ids)).query(runs::map)
                .list().forEach(r -> byId.put(r.id(), r));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The runs among these that reached a final status before {@code before}: their series no longer change. */
    java.util.Set<Long> settledRuns(Collection<Long> ids, Instant before) {
        if (ids.isEmpty()) {
            return java.util.Set.of();
        }
        List<String> finals = java.util.Arrays.stream(com.seqplay.run.domain.RunStatus.values())
                .filter(com.seqplay.run.domain.RunStatus::isFinal).map(Enum::name).toList();
        List<Object> params = new ArrayList<>(ids);
        params.addAll(finals);
        params.add(Timestamp.from(before));
        return new java.util.HashSet<>(jdbc.sql("select id from runs where id in ("
                        + String.join(",", ids.stream().map(i -> "?").toList()) + ") and status in ("
                        + String.join(",", finals.stream().map(f -> "?").toList()) + ") and finished_at < ?")
                .params(params).query(Long.class).list());
    }

    /** The packed series of these runs (see {@link SeriesPack}); a pack may be empty: the run has no such series. */
    Map<Long, Map<String, List<MetricPoint>>> packs(Collection<Long> runIds, Collection<String> names) {
        Map<Long, Map<String, List<MetricPoint>>> out = new LinkedHashMap<>();
        if (runIds.isEmpty() || names.isEmpty()) {
            return out;
        }
        List<Object> params = new ArrayList<>(runIds);
        params.addAll(names);
        jdbc.sql("select run_id, name, data from series_packs where run_id in ("
                        + String.join(",", runIds.stream().map(i -> "?").toList()) + ") and name in ("
                        + String.join(",", names.stream().map(n -> "?").toList()) + ")")
                .params(params)
                .query(rs -> {
                    String name = rs.getString(2);
                    out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                            .put(name, SeriesPack.unpack(name, rs.getBytes(3)));
                });
        return out;
    }

    /** One series to keep packed. */
    record Pack(long runId, String name, List<MetricPoint> points) {}

    /**
     * Keeps finished runs' series packed, all in one statement (one commit); a second writer of
     * the same series simply replaces it.
     */
    void storePacks(List<Pack> packs) {
        if (packs.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>();
        for (Pack p : packs) {
            params.add(p.runId());
            params.add(p.name());
            params.add(p.points().size());
            params.add(SeriesPack.pack(p.points()));
        }
        jdbc.sql("merge into series_packs (run_id, name, points, data) key (run_id, name) values "
                        + String.join(", ", packs.stream().map(p -> "(?, ?, ?, ?)").toList()))
                .params(params).update();
    }

    /** Stores a run read from an archive, with its final status and results; returns its new id. */
    long insertImported(String owner, Run r, String spec, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into runs (owner, name, task, cell, clipping, dataset, spec, seed, status, created_at, started_at,
                    finished_at, backend, device, progress, metrics, baselines, error, notes, best_metric)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(owner, r.name(), r.task().id(), r.cell().id(), r.spec().clippingMode().id(), r.spec().dataset(),
                        spec, r.seed(), r.status().name(), timestamp(r.createdAt() == null ? now : r.createdAt()),
                        timestamp(r.startedAt()), timestamp(r.finishedAt()), r.backend(), r.device(), r.progress(),
                        json(r.metrics()), json(r.baselines()), r.error(), r.notes(), r.bestMetric())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void insertPoints(long runId, List<MetricPoint> points) {
        template.batchUpdate("insert into metric_points (run_id, name, step, epoch, val, wall_time) values (?, ?, ?, ?, ?, ?)",
                points, 1000, (ps, p) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, p.name());
                    ps.setLong(3, p.step());
                    ps.setInt(4, p.epoch());
                    ps.setDouble(5, p.value());
                    ps.setTimestamp(6, Timestamp.from(p.time()));
                });
    }

    void insertSamples(long runId, List<Sample> samples) {
        template.batchUpdate("insert into samples (run_id, kind, epoch, content, created_at) values (?, ?, ?, ?, ?)",
                samples, 500, (ps, s) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, s.kind());
                    ps.setInt(3, s.epoch());
                    ps.setString(4, s.content());
                    ps.setTimestamp(5, Timestamp.from(s.time()));
                });
    }

    /**
     * Runs stored before the history columns existed get their clipping mode and dataset from
     * their specification, once.
     */
    int backfillColumns() {
        var rows = jdbc.sql("select id, spec from runs where clipping is null")
                .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).list();
        for (var row : rows) {
            var spec = SpecJson.readStored(row.getValue());
            jdbc.sql("update runs set clipping = ?, dataset = ? where id = ?")
                    .params(spec.clipping() == null ? "none" : spec.clippingMode().id(), spec.dataset(), row.getKey())
                    .update();
        }
        return rows.size();
    }

    private static Timestamp timestamp(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private String json(Map<String, Double> map) {
        try {
            return map == null ? null : mapper.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the series the runs have, for a chooser. */
    List<String> seriesNames(Collection<Long> runIds) {
        if (runIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(",", runIds.stream().map(i -> "?").toList());
        return jdbc.sql("select distinct name from metric_points where run_id in (" + marks + ") order by name")
                .params(new ArrayList<Object>(runIds)).query(String.class).list();
    }
}
