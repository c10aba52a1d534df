package com.seqplay.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.seqplay.testsupport.SlowTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The translation benchmark's wiring and output format (no timing assertions). */
class TranslationBenchmarkTest {

    @Test
    void epochLineHasTheFormatTheComparisonScriptParses() {
        var e = new EpochTimer.Epoch(2, 8.254, 1.5, 7.0, 1.25);
        assertEquals("task=translation threads=1 epoch=2 s_per_epoch=9.75 train_s=8.25 eval_s=1.50 cpu_s=8.25",
                e.line("translation", 1));
    }

    @Test
    void theMeasuredRunIsTheTranslationDefaultsOnGeneratedDates() {
        var spec = TranslationBenchmark.spec(TranslationBenchmark.Config.reference());
        assertEquals("builtin:dates", spec.dataset());
        assertEquals(10_000, spec.translation().builtinSize());
        assertEquals(128, spec.hiddenSize());
        assertEquals(64, spec.batchSize());
        assertEquals(Boolean.TRUE, spec.translation().attention());
    }

    @SlowTest
    @Test
    void aSmallRunReportsEveryEpochAfterTheFirst() throws Exception {
        List<EpochTimer.Epoch> epochs = TranslationBenchmark.measure(new TranslationBenchmark.Config(200, 2, 1));
        assertEquals(1, epochs.size());
        var e = epochs.get(0);
        assertEquals(2, e.epoch());
        assertTrue(e.trainSeconds() > 0 && e.evalSeconds() > 0 && e.trainCpuSeconds() > 0, e.toString());
    }
}
