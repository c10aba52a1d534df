package com.seqplay.ops;

import com.seqplay.run.history.RunHistoryService;
import com.seqplay.upload.service.DatasetInUseException;
import com.seqplay.upload.service.DatasetService;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes what has outlived {@link RetentionProperties}: finished runs (rows, metric points,
 * samples and folder, as a user's delete does) and old uploads no waiting run needs. Off unless
 * a period is set. Each item is deleted on its own, so one failure leaves the rest to the next pass.
 */
@Component
public class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private final RetentionProperties settings;
    private final RunHistoryService runs;
    private final DatasetService datasets;
    private final JdbcClient jdbc;
    private final Clock clock;
    private ScheduledExecutorService timer;

    RetentionJob(RetentionProperties settings, RunHistoryService runs, DatasetService datasets, JdbcClient jdbc,
            Clock clock) {
        this.settings = settings;
        this.runs = runs;
        this.datasets = datasets;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What one pass removed. */
    public record Pass(int runsDeleted, int uploadsDeleted, int uploadsInUse) {}

    @PostConstruct
    void schedule() {
        if (!settings.enabled()) {
            return;
        }
        long every = Math.max(1, settings.checkEvery().toSeconds());
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "retention");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                Pass pass = runOnce();
                if (pass.runsDeleted() + pass.uploadsDeleted() > 0) {
                    log.info("retention removed {} runs and {} uploads ({} old uploads still in use)",
                            pass.runsDeleted(), pass.uploadsDeleted(), pass.uploadsInUse());
                }
            } catch (RuntimeException e) {
                log.error("retention pass failed; will try again", e);
            }
        }, every, every, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    public synchronized Pass runOnce() {
        Instant now = clock.instant();
        int runsDeleted = 0;
        if (!settings.runsAfter().isZero()) {
            for (long id : expiredRuns(now.minus(settings.runsAfter()))) {
                if (runs.deleteExpired(id)) {
                    runsDeleted++;
                }
            }
        }
        int uploadsDeleted = 0;
        int inUse = 0;
        if (!settings.uploadsAfter().isZero()) {
            for (var upload : datasets.createdBefore(now.minus(settings.uploadsAfter()))) {
                try {
                    datasets.deleteExpired(upload);
                    uploadsDeleted++;
                } catch (DatasetInUseException e) {
                    inUse++;
                }
            }
        }
        return new Pass(runsDeleted, uploadsDeleted, inUse);
    }

    private List<Long> expiredRuns(Instant cutoff) {
        return jdbc.sql("""
                select r.id from runs r
                where r.status not in ('QUEUED', 'RUNNING') and r.finished_at is not null and r.finished_at < ?
                  and not exists (select 1 from run_tags t where t.run_id = r.id and t.tag = ?)
                order by r.id""").params(Timestamp.from(cutoff), settings.keepTag()).query(Long.class).list();
    }
}
