package com.seqplay.engine.bench;

import com.seqplay.dataset.builtin.SeasonalSeries;
import com.seqplay.engine.TaskEngines;
import com.seqplay.engine.TrainingClock;
import com.seqplay.engine.TrainingContext;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.UploadedData;
import com.seqplay.task.forecasting.ForecastingTask;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

/**
 * Seconds per epoch of the default forecasting model on many generated seasonal series, as a user
 * gets it: the series are uploaded as one wide CSV ({@code valueColumns: ["*"]}), and window,
 * horizon, season, batch and hidden size are the ones Seqplay proposes for that file (see
 * {@link #spec}; for the reference data: LSTM 64, window 48, horizon 12, season 24, batch 64, Adam
 * 0.005, global-norm clipping at 5, one network, no backtest). It runs the real trainer on that
 * file, so an epoch is what a user waits for:
 *
 * <ul>
 *   <li>training: every training window of every series once, shuffled, in batches (plus the
 *       previous epoch's checkpoint and resume point, written after its evaluation);</li>
 *   <li>evaluation, as the trainer does it after every epoch: the interval widths (the network
 *       run over every training window and the latest windows of each series), each series' test
 *       tail forecast and scored, and the validation loss over every validation window.</li>
 * </ul>
 *
 * Epoch 1 is left out (the JIT compiles during it). {@code bench/forecasting.py} trains the same
 * network in PyTorch on the file {@link #writeData} writes.
 */
public final class ForecastingBenchmark {
    public static final String TASK = "forecasting";
    /** The name the generated file is uploaded under. */
    static final String FILE_NAME = "forecasting-bench.csv";
    private static final String DATASET = "upload:forecasting-bench";

    /**
     * The measurement: {@code series} generated series of {@code length} values each.
     *
     * @param seed the run's seed; series {@code i} (from 0) is generated with {@code seed + i}
     */
    public record Config(int series, int length, int epochs, long seed) {
        public Config {
            if (series < 1 || length < 200 || epochs < 1) {
                throw new IllegalArgumentException("the forecasting bench needs at least 1 series of 200 values and "
                        + "1 epoch, not " + series + " of " + length + " and " + epochs);
            }
        }

        /** 40 series of 1,000 values: 25,640 training windows, a few seconds an epoch. */
        public static Config reference() {
            return new Config(40, 1000, 3, 1);
        }

        public Config withEpochs(int epochs) {
            return new Config(series, length, epochs, seed);
        }
    }

    private ForecastingBenchmark() {}

    /**
     * The generated series as a wide CSV: a header {@code s1,s2,...}, then one row per time step.
     * Each series is {@code builtin:seasonal}'s shape (trend, a lopsided season of 24, noise) with
     * its own level, slope and amplitude, all positive, so that every series gets its own scaling.
     */
    public static String csv(Config c) {
        List<double[]> series = new ArrayList<>();
        for (int i = 0; i < c.series(); i++) {
            var shape = new SeasonalSeries.Parameters(20 + 5 * (i % 7), 0.005 * (i % 4), 2 + i % 5, 0.5);
            series.add(SeasonalSeries.generate(c.length(), ForecastingTask.SEASONAL_PERIOD, shape, c.seed() + i)
                    .values());
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < c.series(); i++) {
            text.append(i == 0 ? "" : ",").append('s').append(i + 1);
        }
        text.append('\n');
        for (int t = 0; t < c.length(); t++) {
            for (int i = 0; i < c.series(); i++) {
                text.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.4f", series.get(i)[t]));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The run specification measured: the forecasting defaults Seqplay proposes for {@link #csv}. */
    public static RunSpec spec(Config c) {
        byte[] content = csv(c).getBytes(StandardCharsets.UTF_8);
        UploadedData.Lookup upload = dataset -> dataset.equals(DATASET)
                ? Optional.of(new UploadedData(FILE_NAME, content)) : Optional.empty();
        return SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"%s","valueColumns":["*"],"epochs":%d,"seed":%d}"""
                .formatted(DATASET, c.epochs(), c.seed())), upload);
    }

    /** Trains once on the generated file and returns epochs 2.. (all epochs when there is only one). */
    public static List<EpochTimer.Epoch> measure(Config c) throws Exception {
        RunSpec spec = spec(c);
        Path dir = Files.createTempDirectory("seqplay-bench-forecasting");
        try {
            Path file = dir.resolve(FILE_NAME);
            writeData(c, file);
            Path runDir = Files.createDirectory(dir.resolve("run"));
            var timer = new EpochTimer(TASK, EpochTimer.CpuClock.PROCESS);
            TaskEngines.trainer(spec.task()).train(new TrainingContext(spec, runDir, timer,
                    new TrainingClock(24 * 3600), List.of(), Optional.of(file)));
            return timer.epochsAfterTheFirst();
        } finally {
            deleteTree(dir);
        }
    }

    /** The settings the PyTorch twin must share, one line (printed apart from the result lines). */
    public static void describe(Config c, PrintStream out) {
        RunSpec spec = spec(c);
        var f = spec.forecasting();
        out.printf(Locale.ROOT, "Forecasting: %d generated series of %d values (wide CSV), %s %d x %d, window %d, "
                        + "horizon %d, period %d, batch %d, %s %s, clipping %s %s, ensemble %d, backtests %d, "
                        + "%d epochs (the first left out)%n",
                c.series(), c.length(), spec.cell().id(), spec.layers(), spec.hiddenSize(), f.window(), f.horizon(),
                f.period(), spec.batchSize(), spec.optimizer().name().toLowerCase(Locale.ROOT), spec.learningRate(),
                spec.clippingMode().id(), spec.clipping().threshold(), f.ensemble(), f.backtests(), c.epochs());
    }

    /** Writes the file the run trains on (the wide CSV of {@link #csv}), for {@code bench/forecasting.py}. */
    public static void writeData(Config c, Path file) {
        try {
            Files.writeString(file, csv(c), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the series to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The {@code bench --task forecasting} command: with {@code dataOut}, writes the data and
     * returns; otherwise prints one line per epoch after the first, for each thread count (a
     * count other than this JVM's runs in a child JVM, see {@link ThreadedBenchRunner}).
     *
     * @return the exit code
     */
    /**
     * Where each thread count is measured, as the bench command decides it for every task.
     *
     * @param here whether this JVM measures that thread count itself (its threads and OpenBLAS fit)
     * @param childArgs more arguments for a child JVM (the OpenBLAS choice)
     * @param environment what a child's environment gets (the OpenBLAS preload)
     * @param lineEnd the end of each result line measured here (the OpenBLAS in use)
     */
    public record Placement(IntPredicate here, List<String> childArgs, Consumer<Map<String, String>> environment,
            Supplier<String> lineEnd) {}

    public static int run(List<Integer> threads, int epochs, Path dataOut, Placement placement, PrintStream out,
            PrintStream err) throws Exception {
        if (epochs < 1) {
            err.println("--epochs: " + epochs + " must be 1 or more");
            return 2;
        }
        Config config = Config.reference().withEpochs(epochs);
        if (dataOut != null) {
            writeData(config, dataOut);
            return 0;
        }
        describe(config, err);
        for (int n : threads) {
            if (n < 1) {
                err.println("--threads: " + n + " is not a thread count (use 1 or more)");
                return 2;
            }
            if (placement.here().test(n)) {
                for (EpochTimer.Epoch e : measure(config)) {
                    out.println(e.line(TASK, n) + placement.lineEnd().get());
                    out.flush();
                }
            } else {
                List<String> args = new ArrayList<>(List.of("bench", "--task", TASK, "--threads", String.valueOf(n),
                        "--epochs", String.valueOf(epochs)));
                args.addAll(placement.childArgs());
                int code = ThreadedBenchRunner.runChild(n, args, out::println, placement.environment());
                if (code != 0) {
                    err.println("bench at " + n + " threads failed (exit code " + code + ")");
                    return code;
                }
            }
        }
        return 0;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
