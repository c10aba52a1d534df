package com.seqplay.run.service;

import com.seqplay.run.domain.Sample;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Samples a run produced, epoch by epoch. */
@Repository
public class SampleRepository {
    private final JdbcTemplate jdbc;

    SampleRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(long runId, Sample s) {
        jdbc.update("insert into samples (run_id, kind, epoch, content, created_at) values (?, ?, ?, ?, ?)",
                runId, s.kind(), s.epoch(), s.content(), Timestamp.from(s.time()));
    }

    /** Removes the samples after epoch {@code epochsDone}, which a resumed trainer produces again. */
    int deleteAfter(long runId, int epochsDone) {
        return jdbc.update("delete from samples where run_id = ? and epoch > ?", runId, epochsDone);
    }

    List<Sample> list(long runId) {
        return jdbc.query("select kind, epoch, content, created_at from samples where run_id = ? order by epoch, id",
                (rs, n) -> new Sample(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
                runId);
    }
}
