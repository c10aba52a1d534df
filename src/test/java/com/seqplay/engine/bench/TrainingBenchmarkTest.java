package com.seqplay.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.seqplay.spec.CellType;
import org.junit.jupiter.api.Test;

/** The benchmark's wiring and output format (no timing assertions: speed depends on the machine). */
class TrainingBenchmarkTest {

    @Test
    void resultLineHasTheFormatTheComparisonScriptParses() {
        var r = new TrainingBenchmark.Result(CellType.LSTM, 2, 250.0, 12800.4);
        assertEquals("cell=lstm threads=2 chars_per_s=12800", r.line());
    }

    @Test
    void everyCellTrainsOnATinyConfiguration() {
        var tiny = new TrainingBenchmark.Config(5, 1, 4, 3, 2, 0, 1);
        for (CellType cell : CellType.values()) {
            var r = TrainingBenchmark.measure(cell, tiny, 1);
            assertEquals(cell, r.cell());
            assertTrue(r.charsPerSecond() > 0 && Double.isFinite(r.charsPerSecond()), cell + ": " + r);
        }
    }
}
