package com.seqplay.upload.service;

import com.seqplay.upload.UploadedDataset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Uploaded datasets' records in H2 (their files live in the data folder). */
@Repository
public class DatasetRepository {
    private final JdbcClient jdbc;

    DatasetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(String owner, String task, String fileName, long size, String summary, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("insert into datasets (owner, task, file_name, size_bytes, summary, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(owner, task, fileName, size, summary, Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Bytes of all uploads of one owner. */
    long totalSize(String owner) {
        return jdbc.sql("select coalesce(sum(size_bytes), 0) from datasets where owner = ?").param(owner)
                .query(Long.class).single();
    }

    /** Bytes of uploads per owner. */
    java.util.Map<String, Long> totalsByOwner() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        jdbc.sql("select owner, sum(size_bytes) from datasets group by owner").query(rs -> {
            out.put(rs.getString(1), rs.getLong(2));
        });
        return out;
    }

    void delete(long id) {
        jdbc.sql("delete from datasets where id = ?").param(id).update();
    }

    /** Runs on this dataset reference that are still queued or training. */
    List<Long> unfinishedRunsUsing(String ref) {
        return jdbc.sql("select id from runs where dataset = ? and status in ('QUEUED', 'RUNNING') order by id")
                .param(ref).query(Long.class).list();
    }

    List<UploadedDataset> createdBefore(Instant cutoff) {
        return jdbc.sql("select * from datasets where created_at < ? order by created_at")
                .param(Timestamp.from(cutoff)).query(this::map).list();
    }

    Optional<UploadedDataset> find(long id) {
        return jdbc.sql("select * from datasets where id = ?").param(id).query(this::map).optional();
    }

    List<UploadedDataset> list() {
        return jdbc.sql("select * from datasets order by id desc").query(this::map).list();
    }

    private UploadedDataset map(ResultSet rs, int row) throws SQLException {
        return new UploadedDataset(rs.getLong("id"), rs.getString("owner"), rs.getString("task"),
                rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("summary"),
                rs.getTimestamp("created_at").toInstant());
    }
}
