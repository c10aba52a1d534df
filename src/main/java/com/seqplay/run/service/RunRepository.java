package com.seqplay.run.service;

import com.seqplay.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.run.domain.DefaultRunName;
import com.seqplay.run.domain.Run;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.MainMetric;
import com.seqplay.task.TaskDefinitions;
import com.seqplay.run.domain.RunStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Runs in H2. Every status change is a conditional update ({@code where status = ...}), so two
 * parties (a cancel and a finishing trainer, say) can never both win, and each change is committed
 * at once.
 */
@Repository
public class RunRepository {
    private static final TypeReference<Map<String, Double>> METRICS = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final ObjectMapper json = Json.MAPPER;

    public RunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a queued run; the fields people filter by (task, cell, clipping mode, dataset) are
     * copied into columns of their own. A run without a name gets its default name, which ends
     * with its id ({@link DefaultRunName}), in the same transaction.
     */
    long insert(String owner, RunSpec spec, Instant now) {
        var keys = new GeneratedKeyHolder();
        String given = spec.name() == null || spec.name().isBlank() ? null : spec.name();
        jdbc.sql("""
                insert into runs (owner, name, task, cell, clipping, dataset, spec, seed, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?)""")
                .params(owner, given == null ? DefaultRunName.of(spec, null) : given, spec.task().id(),
                        spec.cell().id(), spec.clippingMode().id(), spec.dataset(), SpecJson.write(spec), spec.seed(),
                        Timestamp.from(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        if (given == null) {
            String name = DefaultRunName.of(spec, id);
            jdbc.sql("update runs set name = ?, spec = ? where id = ?")
                    .params(name, SpecJson.write(spec.withName(name)), id).update();
        }
        return id;
    }

    public Optional<Run> find(long id) {
        return jdbc.sql("select * from runs where id = ?").param(id).query(this::map).optional();
    }

    List<Run> page(int offset, int limit) {
        return jdbc.sql("select * from runs order by id desc limit ? offset ?").params(limit, offset).query(this::map).list();
    }

    int count() {
        return jdbc.sql("select count(*) from runs").query(Integer.class).single();
    }

    /** Queued runs with their owners, oldest first: what {@link FairQueue} chooses from. */
    List<FairQueue.Waiting> queued() {
        return jdbc.sql("select id, owner, queue_first from runs where status = 'QUEUED' order by id")
                .query((rs, n) -> new FairQueue.Waiting(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3))))
                .list();
    }

    /** Moves a queued run to the front of the queue; false if it is no longer queued. */
    boolean moveToFront(long id, Instant now) {
        return jdbc.sql("update runs set queue_first = ? where id = ? and status = 'QUEUED'")
                .params(Timestamp.from(now), id).update() == 1;
    }

    /** How many runs each user has training. */
    Map<String, Integer> runningByOwner() {
        Map<String, Integer> out = new java.util.HashMap<>();
        jdbc.sql("select owner, count(*) from runs where status = 'RUNNING' group by owner")
                .query(rs -> {
                    out.put(rs.getString(1), rs.getInt(2));
                });
        return out;
    }

    int countQueued(String owner) {
        return jdbc.sql("select count(*) from runs where status = 'QUEUED' and owner = ?").param(owner)
                .query(Integer.class).single();
    }

    /** A resumed run keeps its first start time and its progress: it goes on from where it was. */
    boolean markRunning(long id, Instant now) {
        return jdbc.sql("update runs set status = 'RUNNING', started_at = coalesce(started_at, ?),"
                        + " progress = coalesce(progress, 0) where id = ? and status = 'QUEUED'")
                .params(Timestamp.from(now), id).update() == 1;
    }

    /** An INTERRUPTED run goes back to the queue to be resumed; false if it is not INTERRUPTED any more. */
    boolean requeueInterrupted(long id) {
        return jdbc.sql("update runs set status = 'QUEUED', finished_at = null, error = null, pid = null"
                        + " where id = ? and status = 'INTERRUPTED'")
                .param(id).update() == 1;
    }

    void recordProcess(long id, long pid) {
        jdbc.sql("update runs set pid = ? where id = ?").params(pid, id).update();
    }

    void recordBackend(long id, String backend, String device) {
        jdbc.sql("update runs set backend = ?, device = ? where id = ?").params(backend, device, id).update();
    }

    void recordProgress(long id, double progress) {
        jdbc.sql("update runs set progress = ? where id = ? and status = 'RUNNING'").params(progress, id).update();
    }

    /** Moves a run from one of {@code from} to a final status; false if someone else got there first. */
    boolean finish(long id, List<RunStatus> from, RunStatus to, Map<String, Double> metrics,
            Map<String, Double> baselines, String error, Instant now) {
        String fromList = String.join(",", from.stream().map(s -> "'" + s.name() + "'").toList());
        boolean changed = jdbc.sql("update runs set status = ?, finished_at = ?, metrics = coalesce(?, metrics),"
                        + " baselines = coalesce(?, baselines), error = ?,"
                        + " progress = case when ? = 'SUCCEEDED' then 1.0 else progress end"
                        + " where id = ? and status in (" + fromList + ")")
                .params(to.name(), Timestamp.from(now), toJson(metrics), toJson(baselines), error, to.name(), id)
                .update() == 1;
        if (changed) {
            storeBestMetric(id);
        }
        return changed;
    }

    /**
     * Stores the run's value of its task's main metric: the value its verdict judges once it has a
     * final result (test, or backtest where there is one), else the best of its per-epoch points.
     * Called when a run finishes, so that sorting a long history by it never reads metric points.
     */
    public void storeBestMetric(long id) {
        find(id).ifPresent(run -> {
            MainMetric main = TaskDefinitions.of(run.task()).mainMetric();
            // A finished run is listed and sorted by the value its verdict judges (test or
            // backtest); a run without a final result by the best of its per-epoch series.
            Double best = main.judged(run.metrics()).orElseGet(() -> {
                String aggregate = main.direction() == MainMetric.Direction.LOWER_IS_BETTER ? "min" : "max";
                return jdbc.sql("select " + aggregate + "(val) from metric_points where run_id = ? and name = ?")
                        .params(id, main.name()).query(Double.class).optional().orElse(null);
            });
            jdbc.sql("update runs set best_metric = ? where id = ?").params(best, id).update();
        });
    }

    /** Pids recorded for runs still marked RUNNING: what an earlier server may have left behind. */
    List<long[]> runningPids() {
        return jdbc.sql("select id, pid from runs where status = 'RUNNING' and pid is not null")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
    }

    int interruptAllRunning(String reason, Instant now) {
        return jdbc.sql("update runs set status = 'INTERRUPTED', finished_at = ?, error = ? where status = 'RUNNING'")
                .params(Timestamp.from(now), reason).update();
    }

    /** Reads one row of {@code runs} (all columns) into a run. */
    public Run map(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getLong("id"),
                rs.getString("owner"),
                rs.getString("name"),
                SpecJson.readStored(rs.getString("spec")),
                rs.getLong("seed"),
                RunStatus.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getString("backend"),
                rs.getString("device"),
                (Double) rs.getObject("progress", Double.class),
                fromJson(rs.getString("metrics")),
                fromJson(rs.getString("baselines")),
                rs.getString("error"),
                rs.getString("notes"),
                tags(rs.getString("tags")),
                (Double) rs.getObject("best_metric", Double.class),
                (Long) rs.getObject("experiment_id", Long.class));
    }

    /** The display copy of a run's tags, comma-separated in {@code runs.tags} (run_tags is for filtering). */
    private static List<String> tags(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.split(","));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private String toJson(Map<String, Double> map) {
        if (map == null) {
            return null;
        }
        try {
            return json.writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Double> fromJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, METRICS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable metrics column", e);
        }
    }
}
