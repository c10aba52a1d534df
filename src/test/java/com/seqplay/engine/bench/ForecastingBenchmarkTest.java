package com.seqplay.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.seqplay.spec.CellType;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.Optimizer;
import com.seqplay.testsupport.SlowTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forecasting benchmark's data, specification, command and output format (no timing assertions). */
class ForecastingBenchmarkTest {
    private static final ForecastingBenchmark.Config REFERENCE = ForecastingBenchmark.Config.reference();

    @Test
    void epochLineHasTheFormatTheComparisonScriptParses() {
        var e = new EpochTimer.Epoch(2, 8.254, 1.5, 7.0, 1.25);
        assertEquals("task=forecasting threads=1 epoch=2 s_per_epoch=9.75 train_s=8.25 eval_s=1.50 cpu_s=8.25",
                e.line(ForecastingBenchmark.TASK, 1));
    }

    @Test
    void theDataIsAWideCsvOfPositiveSeriesOfTheConfiguredSize() {
        String[] lines = ForecastingBenchmark.csv(new ForecastingBenchmark.Config(3, 250, 1, 7)).split("\n");
        assertEquals("s1,s2,s3", lines[0]);
        assertEquals(251, lines.length);
        for (int i = 1; i < lines.length; i++) {
            double[] row = Arrays.stream(lines[i].split(",")).mapToDouble(Double::parseDouble).toArray();
            assertEquals(3, row.length, "line " + (i + 1));
            assertTrue(Arrays.stream(row).allMatch(v -> v > 0), "line " + (i + 1) + ": " + lines[i]);
        }
        // each series has its own shape: the levels differ
        assertTrue(!lines[1].split(",")[0].equals(lines[1].split(",")[1]));
    }

    @Test
    void theMeasuredRunIsWhatSeqplayProposesForTheFile() {
        var spec = ForecastingBenchmark.spec(REFERENCE);
        var f = spec.forecasting();
        assertEquals(List.of("*"), f.valueColumns());
        assertEquals(24, f.period());
        assertEquals(48, f.window());
        assertEquals(12, f.horizon());
        assertEquals(64, spec.batchSize());
        assertEquals(64, spec.hiddenSize());
        assertEquals(1, spec.layers());
        assertEquals(CellType.LSTM, spec.cell());
        assertEquals(Optimizer.ADAM, spec.optimizer());
        assertEquals(0.005, spec.learningRate());
        assertEquals(ClippingMode.GLOBAL_NORM, spec.clippingMode());
        assertEquals(5.0, spec.clipping().threshold());
        assertEquals(1, f.ensemble());
        assertEquals(0, f.backtests());
        assertEquals(REFERENCE.epochs(), spec.epochs());
    }

    /** bench/forecasting.py must train the same model: its defaults are the proposed values. */
    @Test
    void thePyTorchTwinDefaultsToTheSameSettings() throws Exception {
        String twin = Files.readString(Path.of("bench", "forecasting.py"), StandardCharsets.UTF_8);
        var spec = ForecastingBenchmark.spec(REFERENCE);
        var f = spec.forecasting();
        assertEquals(String.valueOf(f.window()), twinDefault(twin, "window"));
        assertEquals(String.valueOf(f.horizon()), twinDefault(twin, "horizon"));
        assertEquals(String.valueOf(f.period()), twinDefault(twin, "period"));
        assertEquals(String.valueOf(spec.hiddenSize()), twinDefault(twin, "hidden"));
        assertEquals(String.valueOf(spec.batchSize()), twinDefault(twin, "batch"));
        assertEquals(spec.learningRate(), Double.parseDouble(twinDefault(twin, "lr")));
        assertEquals(spec.clipping().threshold(), Double.parseDouble(twinDefault(twin, "clip")));
        assertEquals(String.valueOf(REFERENCE.seed()), twinDefault(twin, "seed"));
    }

    private static String twinDefault(String script, String option) {
        Matcher m = Pattern.compile("\"--" + option + "\", type=\\w+, default=([0-9.]+)\\)").matcher(script);
        assertTrue(m.find(), "bench/forecasting.py has no default for --" + option);
        return m.group(1);
    }

    /** Measures in this JVM, as the bench command does when threads and OpenBLAS fit. */
    private static final ForecastingBenchmark.Placement HERE =
            new ForecastingBenchmark.Placement(n -> true, List.of(), env -> { }, () -> "");

    @Test
    void dataOutWritesTheFileTheRunTrainsOnAndMeasuresNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("series.csv");
        var out = new ByteArrayOutputStream();
        int code = ForecastingBenchmark.run(List.of(1), 3, file, HERE, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertEquals(0, code);
        assertEquals(ForecastingBenchmark.csv(REFERENCE), Files.readString(file, StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badCountsAreRefusedWithTheOptionNamed() throws Exception {
        var err = new ByteArrayOutputStream();
        var errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, ForecastingBenchmark.run(List.of(1), 0, null, HERE, System.out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--epochs: 0"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, ForecastingBenchmark.run(List.of(0), 2, null, HERE, System.out, errStream));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--threads: 0"), err.toString(StandardCharsets.UTF_8));
    }

    @SlowTest
    @Test
    void aSmallRunReportsEveryEpochAfterTheFirst() throws Exception {
        List<EpochTimer.Epoch> epochs = ForecastingBenchmark.measure(new ForecastingBenchmark.Config(3, 300, 2, 1));
        assertEquals(1, epochs.size());
        var e = epochs.get(0);
        assertEquals(2, e.epoch());
        assertTrue(e.trainSeconds() > 0 && e.evalSeconds() > 0 && e.trainCpuSeconds() > 0, e.toString());
    }
}
