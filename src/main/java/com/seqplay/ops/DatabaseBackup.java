package com.seqplay.ops;

import com.seqplay.config.SeqplayProperties;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Consistent copies of the database while the server runs, with H2's {@code BACKUP TO} (a zip of
 * the database file, taken inside a transaction-safe snapshot): on a schedule
 * ({@code seqplay.backup.interval}) and on an administrator's request. Run folders (logs,
 * checkpoints) and uploads are plain files: back them up with the file system.
 */
@Component
public class DatabaseBackup {
    private static final Logger log = LoggerFactory.getLogger(DatabaseBackup.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final JdbcClient jdbc;
    private final Path folder;
    private final BackupProperties settings;
    private final Clock clock;
    private ScheduledExecutorService timer;

    DatabaseBackup(JdbcClient jdbc, SeqplayProperties properties, BackupProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.folder = properties.dataDir().resolve("backups");
        this.settings = settings;
        this.clock = clock;
    }

    @PostConstruct
    void schedule() {
        long every = settings.interval().toSeconds();
        if (every <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "database-backup");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                backUp();
            } catch (IOException | RuntimeException e) {
                log.error("scheduled database backup failed; will try again", e);
            }
        }, every, every, TimeUnit.SECONDS);
    }

    /** Writes {@code backups/seqplay-<UTC time>.zip} and deletes the oldest beyond {@code keep}. */
    public synchronized Path backUp() throws IOException {
        Files.createDirectories(folder);
        Path target = folder.resolve("seqplay-" + STAMP.format(clock.instant()) + ".zip").toAbsolutePath();
        Files.deleteIfExists(target);
        // H2 takes no parameter here; the path is ours (data folder and a timestamp), quotes doubled anyway.
        jdbc.sql("BACKUP TO '" + target.toString().replace("'", "''") + "'").update();
        prune();
        log.info("database backed up to {} ({} bytes)", target, Files.size(target));
        return target;
    }

    private void prune() throws IOException {
        List<Path> all;
        try (Stream<Path> files = Files.list(folder)) {
            all = files.filter(p -> p.getFileName().toString().matches("seqplay-\\d{8}-\\d{6}\\.zip"))
                    .sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
        for (Path old : all.subList(Math.min(all.size(), Math.max(1, settings.keep())), all.size())) {
            Files.deleteIfExists(old);
        }
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
