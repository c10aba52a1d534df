package com.seqplay.run.service;

import com.seqplay.run.domain.MetricPoint;
import com.seqplay.events.ResumeSummary;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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
     * in when it stopped (the resumed trainer reports that epoch again), and puts back every
     * per-epoch point of the finished epochs that the server lost before it could store it (the
     * resume point keeps them all). Returns how many points were removed and how many put back.
     */
    int[] trimForResume(long runId, int epochsDone, List<ResumeSummary.Evaluated> evaluations, Instant now) {
        int removed = jdbc.update("delete from metric_points where run_id = ? and epoch > ?", runId, epochsDone);
        Set<String> present = new HashSet<>(jdbc.queryForList(
                "select name || '@' || epoch from metric_points where run_id = ? and epoch <= ?", String.class,
                runId, epochsDone));
        List<MetricPoint> missing = new ArrayList<>();
        for (ResumeSummary.Evaluated e : evaluations) {
            if (e.epoch() <= epochsDone) {
                e.metrics().forEach((name, value) -> {
                    if (!present.contains(name + "@" + e.epoch())) {
                        missing.add(new MetricPoint(name, e.step(), e.epoch(), value, now));
                    }
                });
            }
        }
        insert(runId, missing);
        return new int[] {removed, missing.size()};
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
