package com.seqplay.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.seqplay.bench.StepTimeReport;
import com.seqplay.bench.StepTimeReport.Point;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepTimeSummaryTest {
    private final StepTimeReport report = new StepTimeReport(Instant.EPOCH, "CPU", "test", 16, 128, 32, List.of(
            new Point("lstm", 86560, 400, 800, 400), new Point("lstm", 86560, 25, 50, 25),
            new Point("attention", 90400, 25, 80, 1), new Point("attention", 90400, 400, 400, 1)));

    @Test
    void growthComparesTheShortestAndLongestSequence() {
        assertEquals(List.of(
                "lstm (86,560 weights): from 25 to 400 steps (16x longer), 50.0 to 800.0 ms per training step (16.0x)",
                "attention (90,400 weights): from 25 to 400 steps (16x longer), 80.0 to 400.0 ms per training step (5.0x)"),
                StepTimeSummary.growth(report));
    }

    @Test
    void fastestModelPerLength() {
        assertEquals(Map.of(25, "lstm", 400, "attention"), StepTimeSummary.fastest(report));
    }
}
