package com.seqplay.dataset.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.metrics.Baselines;
import org.junit.jupiter.api.Test;

class MonthlySeriesTest {

    @Test
    void every_shape_is_reproducible_and_has_a_detectable_yearly_season() {
        for (var shape : new MonthlySeries.Shape[] {MonthlySeries.Shape.MONTHLY, MonthlySeries.Shape.AIRLINE,
                MonthlySeries.Shape.RETAIL, MonthlySeries.Shape.TEMPERATURE}) {
            double[] a = MonthlySeries.generate(144, shape, 4).values();
            assertThat(MonthlySeries.generate(144, shape, 4).values()).isEqualTo(a);
            assertThat(MonthlySeries.generate(144, shape, 5).values()).isNotEqualTo(a);
            assertThat(Baselines.detectPeriod(a, 48)).as(shape.name()).isEqualTo(12);
        }
    }

    @Test
    void a_multiplicative_series_grows_and_its_season_grows_with_it() {
        double[] y = MonthlySeries.generate(144, MonthlySeries.Shape.AIRLINE, 1).values();
        double firstYearRange = range(y, 0, 12);
        double lastYearRange = range(y, 132, 144);
        assertThat(mean(y, 132, 144)).isGreaterThan(3 * mean(y, 0, 12));
        assertThat(lastYearRange).isGreaterThan(2.5 * firstYearRange);
        assertThat(java.util.Arrays.stream(y).min().orElseThrow()).isPositive();
    }

    private static double mean(double[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += y[i];
        }
        return s / (to - from);
    }

    private static double range(double[] y, int from, int to) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = from; i < to; i++) {
            min = Math.min(min, y[i]);
            max = Math.max(max, y[i]);
        }
        return max - min;
    }
}
