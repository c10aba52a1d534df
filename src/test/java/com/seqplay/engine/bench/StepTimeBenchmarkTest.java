package com.seqplay.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.seqplay.bench.StepTimeReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepTimeBenchmarkTest {
    @Test
    void measuresEveryModelAtEveryLengthAndTheReportRoundTrips(@TempDir Path dir) throws Exception {
        var config = new StepTimeBenchmark.Config(List.of(3, 6), 2, 8, 4, 1, 1);
        List<StepTimeReport.Point> seen = new ArrayList<>();
        StepTimeReport report = StepTimeBenchmark.measure(List.of("rnn", "lstm", "gru", "attention"), config, seen::add);

        assertEquals(8, report.points().size());
        assertEquals(report.points(), seen);
        for (StepTimeReport.Point p : report.points()) {
            assertTrue(p.msPerStep() > 0, p.toString());
            assertEquals(p.model().equals("attention") ? 1 : p.length(), p.sequentialSteps(), p.toString());
        }
        assertTrue(StepTimeBenchmark.line(report.points().get(0)).startsWith("model=rnn length=3 ms_per_step="));

        Path file = dir.resolve("bench/step-time.json");
        report.write(file);
        assertEquals(report, StepTimeReport.read(file).orElseThrow());
    }

    /** The comparison is fair only if the attention model is about as large as the LSTM it replaces. */
    @Test
    void theAttentionModelHasAboutAsManyWeightsAsTheLstm() {
        var config = StepTimeBenchmark.Config.standard();
        long attention = StepTimeBenchmark.build("attention", config).numParams();
        long lstm = StepTimeBenchmark.build("lstm", config).numParams();
        assertTrue(Math.abs(attention - lstm) < 0.1 * lstm, attention + " vs " + lstm);
    }

    @Test
    void unknownModelsAreNamed() {
        assertTrue(StepTimeBenchmark.knows("gru"));
        assertTrue(!StepTimeBenchmark.knows("transformer"));
    }
}
