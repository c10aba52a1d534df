package com.seqplay.run.history;

import com.seqplay.run.service.RunRepository;
import com.seqplay.spec.CellType;
import com.seqplay.spec.Clipping;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.TaskType;
import com.seqplay.task.SpecValidator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.flywaydb.core.Flyway;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How the history queries behave with a long history: fills a fresh data folder with many runs
 * (every task, cell and clipping mode; finished, with a best metric) of three series each, then
 * times the first page of the runs list, a filtered and sorted page, and the data of a 20-run
 * comparison, as the server runs them (same database settings, same queries). The comparison is
 * timed twice: from the metric points (as for runs still training) and as the server reads
 * finished runs, whose series are packed the first time they are read (that first call is in
 * the "first" figure). Prints figures; it is not a test.
 */
public final class HistoryBenchmark {
    private static final List<String> SERIES = List.of("train_loss", "val_loss", "grad_norm");
    private static final int PAGE = 50;
    private static final int REPEATS = 7;

    private HistoryBenchmark() {}

    /** @param fill false to time the queries again on a folder an earlier run filled (same counts) */
    public static void run(Path dataDir, int runCount, int pointsPerSeries, boolean fill, PrintStream out) {
        String url = "jdbc:h2:file:" + dataDir.resolve("db/seqplay").toAbsolutePath();
        if (fill) {
            fill(url, dataDir, runCount, pointsPerSeries, out);
        }

        // Measuring: the server's own database settings and schema (a folder filled by an older
        // version gets the newer migrations first), through a connection pool as in the server.
        // Without a pool every query would open the database anew (H2 closes it with its last
        // connection) and the figures would time that instead of the queries.
        try (var measuring = pool(url + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE")) {
            Flyway.configure().dataSource(measuring).locations("classpath:db/migration").load().migrate();
            measure(measuring, runCount, out);
        }
    }

    private static void measure(DataSource measuring, int runCount, PrintStream out) {
        var template = new JdbcTemplate(measuring);
        var jdbc = JdbcClient.create(template);
        var runs = new RunRepository(jdbc);
        var history = new HistoryRepository(jdbc, template, runs);
        // As if every run were still training: nothing counts as settled, every series is read from its points.
        var fromPoints = new SeriesReader(history, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        var server = new SeriesReader(history, Clock.systemUTC());

        ZoneId zone = ZoneId.systemDefault();
        time(out, "first page of the runs list (50 of all, newest first, with total)",
                () -> history.search(RunQuery.all().page(0, PAGE), zone));
        var filtered = RunQuery.parse(Map.of("task", "textgen", "cell", "gru", "clipping", "none", "status",
                "succeeded", "sort", "best", "limit", Integer.toString(PAGE)));
        RunPage page = history.search(filtered, zone);
        time(out, "filtered and sorted page (textgen, gru, no clipping, succeeded, by best bpc; "
                + page.total() + " match)", () -> history.search(filtered, zone));
        List<Long> ids = LongStream.iterate(runCount, i -> i - runCount / 20).limit(20).boxed().toList();
        Set<Long> idSet = new LinkedHashSet<>(ids);
        Set<String> names = new LinkedHashSet<>(SERIES);
        time(out, "data for a 20-run comparison, read from the metric points (runs still training)",
                () -> comparison(history, fromPoints, idSet, names));
        time(out, "data for a 20-run comparison of finished runs (3 series each, at most 1,000 points per series)",
                () -> comparison(history, server, idSet, names));
    }

    /** What the server reads to compare runs: the runs (one query) and their series, thinned for drawing. */
    private static int comparison(HistoryRepository history, SeriesReader reader, Set<Long> ids, Set<String> names) {
        if (history.runs(ids).size() != ids.size()) {
            throw new IllegalStateException("runs missing from the benchmark's folder");
        }
        int drawn = 0;
        for (var series : reader.read(ids, names, 1000).values()) {
            drawn += series.values().stream().mapToInt(List::size).sum();
        }
        return drawn;
    }

    private static void fill(String url, Path dataDir, int runCount, int pointsPerSeries, PrintStream out) {
        // Filling: a large cache and the points' index built once at the end, not row by row.
        var filling = dataSource(url + ";CACHE_SIZE=524288");
        Flyway.configure().dataSource(filling).locations("classpath:db/migration").load().migrate();
        long start = System.nanoTime();
        var fillTemplate = new JdbcTemplate(filling);
        fillTemplate.execute("drop index metric_points_run");
        fillRuns(fillTemplate, runCount, pointsPerSeries);
        fillTemplate.execute("create index metric_points_run on metric_points (run_id, name, step)");
        fillTemplate.execute("shutdown compact");
        out.printf(Locale.ROOT, "filled %s with %,d runs x %d series x %,d points in %.0f s%n", dataDir, runCount,
                SERIES.size(), pointsPerSeries, (System.nanoTime() - start) / 1e9);

    }

    private static HikariDataSource pool(String url) {
        var ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername("sa");
        ds.setMaximumPoolSize(2);
        return ds;
    }

    private static JdbcDataSource dataSource(String url) {
        var ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        return ds;
    }

    /** Runs in batches from Java (their specifications must be real), points generated inside H2. */
    private static void fillRuns(JdbcTemplate jdbc, int runCount, int points) {
        List<Object[]> rows = new ArrayList<>();
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        TaskType[] tasks = TaskType.values();
        CellType[] cells = CellType.values();
        ClippingMode[] clippings = {ClippingMode.NONE, ClippingMode.GLOBAL_NORM, ClippingMode.VALUE};
        for (int i = 1; i <= runCount; i++) {
            TaskType task = tasks[i % tasks.length];
            CellType cell = cells[(i / tasks.length) % cells.length];
            ClippingMode mode = clippings[(i / (tasks.length * cells.length)) % clippings.length];
            RunSpec spec = SpecValidator.complete(RunSpec.of(task)).withCell(cell).withSeed(i % 5);
            spec = new RunSpec("bench " + task.id() + " " + cell.id() + " #" + i, spec.task(), spec.cell(),
                    new Clipping(mode, mode == ClippingMode.NONE ? null : mode.defaultThreshold()), spec.dataset(),
                    spec.seed(), spec.epochs(), spec.layers(), spec.hiddenSize(), spec.dropout(), spec.optimizer(),
                    spec.learningRate(), spec.weightInit(), spec.batchSize(), spec.updateGateBias(), spec.patience(),
                    spec.maxWallSeconds(), null, spec.options());
            Instant created = t0.plusSeconds(60L * i);
            rows.add(new Object[] {"local", spec.name(), task.id(), cell.id(), mode.id(), spec.dataset(),
                    SpecJson.write(spec), spec.seed(), i % 10 == 0 ? "FAILED" : "SUCCEEDED", Timestamp.from(created),
                    Timestamp.from(created), Timestamp.from(created.plusSeconds(30 + i % 600)), 1.0,
                    "{\"train_loss\":" + (1 + (i % 97) / 100.0) + "}", 0.5 + ((i * 7919L) % 1000) / 1000.0});
            if (rows.size() == 1000 || i == runCount) {
                jdbc.batchUpdate("insert into runs (owner, name, task, cell, clipping, dataset, spec, seed, status,"
                        + " created_at, started_at, finished_at, progress, metrics, best_metric)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
                rows.clear();
            }
        }
        String names = String.join(", ", SERIES.stream().map(n -> "('" + n + "')").toList());
        int chunk = 200;
        for (int from = 1; from <= runCount; from += chunk) {
            jdbc.update("insert into metric_points (run_id, name, step, epoch, val, wall_time)"
                    + " select r.id, n.name, x.x, 1 + x.x / 100, exp(-x.x / 300.0) + rand() / 10, "
                    + " dateadd('SECOND', x.x, r.started_at)"
                    + " from runs r cross join (values " + names + ") n(name) cross join system_range(1, ?) x"
                    + " where r.id between ? and ?", points, from, from + chunk - 1);
        }
    }

    private static void time(PrintStream out, String what, Supplier<Object> query) {
        long[] ms = new long[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            query.get();
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        long first = ms[0];
        Arrays.sort(ms);
        out.printf(Locale.ROOT, "%-100s first %4d ms, median %4d ms, worst %4d ms%n", what, first, ms[REPEATS / 2],
                ms[REPEATS - 1]);
    }
}
