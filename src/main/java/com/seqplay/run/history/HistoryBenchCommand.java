package com.seqplay.run.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqplay history-bench}: times the run-history queries on a fresh data folder full of
 * runs. Started by the application's main method (not a subcommand of the trainer's command
 * line, which the run package itself uses to start trainers).
 */
@Command(name = "history-bench", mixinStandardHelpOptions = true,
        description = "Fill a fresh data folder with many runs and time the runs list and a comparison.")
public final class HistoryBenchCommand implements Callable<Integer> {
    @Option(names = "--runs", defaultValue = "10000", description = "runs to create (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--points", defaultValue = "1000", description = "points per series, 3 series a run (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--data-dir", description = "a folder that does not exist yet (default: a new temporary one)")
    Path dataDir;

    @Option(names = "--measure-only", description = "time the queries again on a --data-dir an earlier run filled")
    boolean measureOnly;

    @Override
    public Integer call() throws Exception {
        Path dir = dataDir != null ? dataDir : Files.createTempDirectory("seqplay-history-bench");
        if (measureOnly && (dataDir == null || !Files.isDirectory(dataDir))) {
            System.err.println("--measure-only needs the --data-dir of an earlier run");
            return 2;
        }
        if (!measureOnly && dataDir != null && Files.exists(dataDir)) {
            System.err.println("--data-dir " + dataDir + " exists; the benchmark needs a fresh folder");
            return 2;
        }
        HistoryBenchmark.run(dir, runs, points, !measureOnly, System.out);
        return 0;
    }
}
