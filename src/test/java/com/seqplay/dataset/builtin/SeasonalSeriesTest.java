package com.seqplay.dataset.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.dataset.Series;
import com.seqplay.metrics.Baselines;
import com.seqplay.metrics.ForecastMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SeasonalSeriesTest {

    @Test
    void the_same_seed_gives_the_same_series_and_another_seed_another() {
        assertThat(SeasonalSeries.generate(300, 12, 5)).isEqualTo(SeasonalSeries.generate(300, 12, 5));
        assertThat(SeasonalSeries.generate(300, 12, 5)).isNotEqualTo(SeasonalSeries.generate(300, 12, 6));
        assertThat(SeasonalSeries.generate(300, 12, 5).length()).isEqualTo(300);
    }

    @ParameterizedTest(name = "period {0} over {1} points with seed {2}")
    @CsvSource({"12, 240, 1", "7, 200, 2", "24, 480, 3", "4, 100, 4", "52, 520, 5"})
    void the_requested_period_is_what_period_detection_finds(int period, int n, long seed) {
        Series series = SeasonalSeries.generate(n, period, seed);
        assertThat(Baselines.detectPeriod(series.values(), Math.max(60, 2 * period))).isEqualTo(period);
    }

    @Test
    void without_noise_the_series_is_trend_plus_an_exactly_repeating_season() {
        SeasonalSeries.Parameters clean = new SeasonalSeries.Parameters(5, 0.1, 2, 0);
        double[] v = SeasonalSeries.generate(100, 10, clean, 0).values();
        assertThat(v[0]).isCloseTo(5.0, within(1e-12));
        for (int t = 10; t < v.length; t++) {
            // one period later the season is the same, so only the trend has moved: 10 * 0.1
            assertThat(v[t] - v[t - 10]).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void the_noise_has_the_requested_spread() {
        SeasonalSeries.Parameters pureNoise = new SeasonalSeries.Parameters(0, 0, 0, 2.0);
        double[] v = SeasonalSeries.generate(20_000, 12, pureNoise, 9).values();
        double mean = 0;
        for (double x : v) {
            mean += x / v.length;
        }
        double variance = 0;
        for (double x : v) {
            variance += (x - mean) * (x - mean) / v.length;
        }
        assertThat(mean).isCloseTo(0, within(0.05));
        assertThat(Math.sqrt(variance)).isCloseTo(2.0, within(0.05));
    }

    @Test
    void the_seasonal_naive_forecast_beats_the_plain_naive_one_on_it() {
        double[] v = SeasonalSeries.generate(300, 12, 21).values();
        double[] training = java.util.Arrays.copyOfRange(v, 0, 276);
        double[] test = java.util.Arrays.copyOfRange(v, 276, 300);
        double naive = ForecastMetrics.mae(test, Baselines.naive(training, 24));
        double seasonal = ForecastMetrics.mae(test, Baselines.seasonalNaive(training, 12, 24));
        assertThat(seasonal).isLessThan(naive);
    }

    @Test
    void nonsense_arguments_are_refused() {
        assertThatThrownBy(() -> SeasonalSeries.generate(0, 12, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeasonalSeries.generate(10, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeasonalSeries.Parameters(0, 0, 1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
