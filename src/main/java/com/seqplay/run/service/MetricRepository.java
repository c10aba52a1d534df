package com.seqplay.run.service;

import com.seqplay.run.domain.MetricPoint;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Metric points and samples of runs. Points arrive in batches, one commit per batch. */
@Repository
public class MetricRepository {
    private final JdbcTemplate jdbc;

    MetricRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long runId, List<MetricPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into metric_points (run_id, name, step, epoch, val, wall_time) values (?, ?, ?, ?, ?, ?)",
                points, points.size(), (ps, p) -> {
                    ps.setLong(1, runId);
                    ps.setString(2, p.name());
                    ps.setLong(3, p.step());
                    ps.setInt(4, p.epoch());
                    ps.setDouble(5, p.value());
                    ps.setTimestamp(6, Timestamp.from(p.time()));
                });
    }

    /**
     * Before a run resumes after epoch {@code epochsDone}: removes the points of the epoch it was
     * in when it stopped (the resumed trainer reports that epoch again), and puts back any point of
     * epoch {@code epochsDone}'s evaluation that the server lost before it could store it. Returns
     * how many points were removed.
     */
    int trimForResume(long runId, int epochsDone, long step, Map<String, Double> lastEvaluation,
            java.time.Instant now) {
        int removed = jdbc.update("delete from metric_points where run_id = ? and epoch > ?", runId, epochsDone);
        for (var e : lastEvaluation.entrySet()) {
            Integer present = jdbc.queryForObject(
                    "select count(*) from metric_points where run_id = ? and name = ? and epoch = ?", Integer.class,
                    runId, e.getKey(), epochsDone);
            if (present == null || present == 0) {
                insert(runId, List.of(new MetricPoint(e.getKey(), step, epochsDone, e.getValue(), now)));
            }
        }
        return removed;
    }

    /** Every series of a run by name, each in step order. */
    Map<String, List<MetricPoint>> series(long runId) {
        Map<String, List<MetricPoint>> out = new LinkedHashMap<>();
        jdbc.query("select name, step, epoch, val, wall_time from metric_points where run_id = ? order by name, step, id",
                rs -> {
                    var p = new MetricPoint(rs.getString(1), rs.getLong(2), rs.getInt(3), rs.getDouble(4),
                            rs.getTimestamp(5).toInstant());
                    out.computeIfAbsent(p.name(), k -> new java.util.ArrayList<>()).add(p);
                }, runId);
        return out;
    }
}
