package com.seqplay.run.api;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.run.service.RunService;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/health}, for a monitor or a load balancer (open without login in lab mode):
 * whether the database answers, the free disk of the data folder, and the queue. 200 when all is
 * well, 503 when the database does not answer or less than {@link #LOW_DISK} is free.
 */
@RestController
class HealthController {
    static final long LOW_DISK = 1024L * 1024 * 1024;
    private final JdbcClient jdbc;
    private final RunService runs;
    private final SeqplayProperties properties;

    HealthController(JdbcClient jdbc, RunService runs, SeqplayProperties properties) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.properties = properties;
    }

    @GetMapping("/api/health")
    ResponseEntity<Map<String, Object>> health() {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean database = databaseAnswers();
        long free = freeDisk();
        out.put("status", database && free >= LOW_DISK ? "UP" : "DOWN");
        out.put("database", database ? "UP" : "DOWN");
        out.put("freeDiskBytes", free);
        if (database) {
            out.put("queued", runs.queue().size());
            out.put("running", runs.runningCount());
        }
        return ResponseEntity.status(database && free >= LOW_DISK ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(out);
    }

    private boolean databaseAnswers() {
        try {
            return jdbc.sql("select 1").query(Integer.class).single() == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private long freeDisk() {
        try {
            return Files.getFileStore(properties.dataDir()).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }
}
