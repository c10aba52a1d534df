package com.seqplay.events.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthRulesTest {
    private static HealthFlag flag(double ratio, double gradStd, double firstGradStd) {
        return HealthRules.judge(2, Map.of("0", ratio), Map.of("0", gradStd), Map.of("0", firstGradStd)).flag();
    }

    @Test
    void ratiosAroundOneThousandthAreHealthy() {
        assertEquals(HealthFlag.HEALTHY, flag(1e-3, 0.01, 0.02));
        assertEquals(HealthFlag.HEALTHY, flag(5e-2, 0.01, 0.02));
        assertEquals(HealthFlag.HEALTHY, flag(2e-5, 0.01, 0.02));
    }

    @Test
    void tooLargeOrNonFiniteRatiosExplode() {
        assertEquals(HealthFlag.EXPLODING, flag(0.3, 0.01, 0.02));
        assertEquals(HealthFlag.EXPLODING, flag(Double.NaN, 0.01, 0.02));
        assertEquals(HealthFlag.EXPLODING, flag(1e-3, Double.POSITIVE_INFINITY, 0.02));
    }

    @Test
    void tinyRatiosOrACollapsedGradientSpreadVanish() {
        assertEquals(HealthFlag.VANISHING, flag(1e-6, 0.01, 0.02));
        assertEquals(HealthFlag.VANISHING, flag(1e-3, 1e-9, 1e-3));
    }

    @Test
    void theWorstLayerNamesTheFlag() {
        HealthSummary s = HealthRules.judge(4, Map.of("0", 1e-3, "1", 0.5, "2", 1e-7), Map.of(), Map.of());
        assertEquals(HealthFlag.EXPLODING, s.flag());
        assertEquals("1", s.layer());
        assertTrue(s.sentence().startsWith("Exploding gradients in epoch 4, layer 1: update/parameter ratio 0.5"),
                s.sentence());
    }

    @Test
    void epochMeansAverageTheSamplesOfAnEpoch() {
        var means = new EpochMeans();
        means.add(HealthQuantity.UPDATE_RATIO, "0", 1, 1e-3);
        means.add(HealthQuantity.UPDATE_RATIO, "0", 1, 3e-3);
        means.add(HealthQuantity.UPDATE_RATIO, "0", 2, 0.5);
        assertEquals(2e-3, means.of(HealthQuantity.UPDATE_RATIO, 1).get("0"), 1e-15);
        assertEquals(HealthFlag.HEALTHY, means.judge(1).orElseThrow().flag());
        assertEquals(HealthFlag.EXPLODING, means.worst().orElseThrow().flag());
        assertEquals(2, means.worst().orElseThrow().epoch());
    }

    @Test
    void theSummaryRoundTripsThroughTheRunFolder(@TempDir Path dir) throws Exception {
        var summary = new HealthSummary(HealthFlag.VANISHING, 3, "encoder", "update/parameter ratio 2e-06");
        summary.write(dir);
        assertEquals(summary, HealthSummary.read(dir).orElseThrow());
        assertTrue(HealthSummary.read(dir.resolve("missing")).isEmpty());
    }

    @Test
    void seriesNamesParseBackToQuantityAndLayer() {
        String name = HealthQuantity.GRADIENT_STD.series("encoder");
        assertEquals(new HealthQuantity.LayerSeries(HealthQuantity.GRADIENT_STD, "encoder"),
                HealthQuantity.parse(name).orElseThrow());
        assertTrue(HealthQuantity.parse("grad_norm").isEmpty());
    }
}
