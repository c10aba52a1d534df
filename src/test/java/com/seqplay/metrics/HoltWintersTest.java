package com.seqplay.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.metrics.HoltWinters.Seasonality;
import com.seqplay.metrics.HoltWinters.Smoothing;
import com.seqplay.metrics.HoltWinters.Trend;
import com.seqplay.metrics.HoltWinters.Variant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HoltWintersTest {

    @Test
    void the_additive_recursion_matches_the_values_computed_by_hand() {
        // slope (3.5 - 2) / 2 = 0.75, line 2 + (t - 0.5) 0.75, level 2.375 at t = 1, season [-0.875, 0.875];
        // each step worked through on paper
        var state = HoltWinters.filter(new double[] {1, 3, 2, 5, 4}, 2, new Variant(Trend.LINEAR, Seasonality.ADDITIVE),
                new Smoothing(0.5, 0.5, 0.5, 1));
        assertThat(state.oneStep()).containsExactly(new double[] {2.25, 4.5625, 3.703125}, within(1e-12));
        assertThat(state.sse()).isCloseTo(0.0625 + 0.19140625 + 0.088134765625, within(1e-12));
        assertThat(state.level()).isCloseTo(4.8515625, within(1e-12));
        assertThat(state.slope()).isCloseTo(0.87109375, within(1e-12));
        assertThat(state.forecast(2)).containsExactly(new double[] {6.81640625, 5.7421875}, within(1e-12));
    }

    @Test
    void the_multiplicative_recursion_matches_the_values_computed_by_hand() {
        // level 3, season [2/3, 4/3]; exact for two steps, then forecasts 2 and 5, level 3.75 then 4.125
        var state = HoltWinters.filter(new double[] {2, 4, 2, 4, 3, 6}, 2,
                new Variant(Trend.NONE, Seasonality.MULTIPLICATIVE), new Smoothing(0.5, 0, 0.5, 0));
        assertThat(state.oneStep()).containsExactly(new double[] {2, 4, 2, 5}, within(1e-12));
        assertThat(state.sse()).isCloseTo(2, within(1e-12));
        assertThat(state.level()).isCloseTo(4.125, within(1e-12));
        assertThat(state.forecast(2)).containsExactly(new double[] {4.125 * (0.5 + 1 / 3.0), 4.125 * (0.8 + 2 / 3.0)},
                within(1e-12));
    }

    @Test
    void a_damped_trend_adds_ever_smaller_steps() {
        // level 0 then slope 1 from the first difference; alpha = beta = 1 follow the data exactly
        var state = HoltWinters.filter(new double[] {0, 1, 2}, 1, new Variant(Trend.DAMPED, Seasonality.NONE),
                new Smoothing(1, 1, 0, 0.5));
        assertThat(state.level()).isEqualTo(2);
        assertThat(state.forecast(3)).containsExactly(new double[] {2 + 0.5, 2 + 0.75, 2 + 0.875}, within(1e-12));
    }

    @Test
    void on_multiplicative_growth_it_chooses_a_multiplicative_season_and_forecasts_closely() {
        double[] y = new double[132];
        Random random = new Random(3);
        for (int t = 0; t < y.length; t++) {
            y[t] = (100 + 2 * t) * (1 + 0.3 * Math.sin(2 * Math.PI * t / 12)) * (1 + 0.01 * random.nextGaussian());
        }
        double[] history = Arrays.copyOf(y, 120);
        double[] actual = Arrays.copyOfRange(y, 120, 132);
        var model = HoltWinters.best(history, 12).orElseThrow();
        assertThat(model.variant().seasonality()).isEqualTo(Seasonality.MULTIPLICATIVE);
        double[] forecast = model.forecast(history, 12);
        double seasonalNaive = ForecastMetrics.mae(actual, Baselines.seasonalNaive(history, 12, 12));
        // the seasonal naive forecast misses a year of growth (24 per step); Holt-Winters follows it
        assertThat(ForecastMetrics.mae(actual, forecast)).isLessThan(seasonalNaive / 4);
        assertThat(ForecastMetrics.smape(actual, forecast)).isLessThan(3);
    }

    @Test
    void on_a_constant_amplitude_season_it_chooses_an_additive_one() {
        double[] y = new double[144];
        Random random = new Random(5);
        for (int t = 0; t < y.length; t++) {
            y[t] = 20 + 0.8 * t + 10 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
        }
        var model = HoltWinters.best(y, 12).orElseThrow();
        assertThat(model.variant().seasonality()).isEqualTo(Seasonality.ADDITIVE);
        assertThat(model.variant().trend()).isNotEqualTo(Trend.NONE);
        // one-step errors close to the noise's variance of 1
        assertThat(model.sse() / model.errors()).isBetween(0.5, 2.0);
    }

    @Test
    void too_short_for_a_season_it_falls_back_to_a_model_without_one_and_never_fails() {
        double[] y = {5, 6, 7, 8, 9, 10, 11};
        var model = HoltWinters.best(y, 12).orElseThrow();
        assertThat(model.variant().seasonality()).isEqualTo(Seasonality.NONE);
        assertThat(HoltWinters.forecast(y, 12, 2)).containsExactly(new double[] {12, 13}, within(0.05));
        assertThat(HoltWinters.forecast(new double[] {1, 2}, 12, 3)).containsExactly(2, 2, 2);
    }

    @Test
    void negative_values_rule_out_a_multiplicative_season() {
        double[] y = new double[60];
        for (int t = 0; t < y.length; t++) {
            y[t] = Math.sin(2 * Math.PI * t / 6);
        }
        assertThat(HoltWinters.candidates(y, 6)).noneMatch(v -> v.seasonality() == Seasonality.MULTIPLICATIVE);
        assertThat(HoltWinters.forecast(y, 6, 6)).containsExactly(Arrays.copyOfRange(y, 0, 6), within(1e-3));
    }
}
