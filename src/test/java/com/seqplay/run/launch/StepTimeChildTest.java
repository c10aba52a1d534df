package com.seqplay.run.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.seqplay.bench.StepTimeReport;
import com.seqplay.config.SeqplayProperties;
import com.seqplay.run.bench.StepTimeMeasurements;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The "why attention" page's button: the measurement runs in a child JVM of the bench role and
 * leaves the report the page reads in the data folder; a second press while it runs starts nothing.
 */
class StepTimeChildTest {
    @Test
    void aChildJvmMeasuresAndLeavesTheReportInTheDataFolder(@TempDir Path data) throws Exception {
        var properties = new SeqplayProperties(data, "local", null, new SeqplayProperties.Trainer(512, 1024, 1, ""),
                new SeqplayProperties.Launch(false), null);
        var measurements = new StepTimeMeasurements(new ChildJvm(properties), new ChildBlas(properties), properties);
        assertTrue(measurements.latest().isEmpty());

        var exit = new CompletableFuture<Integer>();
        assertTrue(measurements.start(exit::complete, List.of("--models", "rnn,attention", "--lengths", "4,8",
                "--batch", "2", "--hidden", "8", "--timed-steps", "1")));
        assertFalse(measurements.start(code -> { }), "one measurement at a time");

        assertEquals(0, exit.get(3, TimeUnit.MINUTES), () -> "see " + measurements.logFile());
        StepTimeReport report = measurements.latest().orElseThrow();
        assertEquals(List.of("rnn", "rnn", "attention", "attention"),
                report.points().stream().map(StepTimeReport.Point::model).toList());
        assertEquals(8, report.size());
        assertFalse(measurements.isRunning());
    }
}
