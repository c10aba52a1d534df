package com.seqplay.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    @Test
    void naive_repeats_the_last_value_over_the_horizon() {
        assertThat(Baselines.naive(new double[] {1, 2, 7}, 3)).containsExactly(7, 7, 7);
    }

    @Test
    void seasonal_naive_takes_the_value_one_period_earlier() {
        double[] history = {1, 2, 3, 4, 10, 20, 30, 40};
        // period 4: the last season is 10, 20, 30, 40; a horizon of 6 wraps around it
        assertThat(Baselines.seasonalNaive(history, 4, 6)).containsExactly(10, 20, 30, 40, 10, 20);
    }

    @Test
    void seasonal_naive_with_period_one_is_the_naive_forecast() {
        double[] history = {5, 6, 9};
        assertThat(Baselines.seasonalNaive(history, 1, 4)).containsExactly(Baselines.naive(history, 4));
    }

    @Test
    void baselines_refuse_too_short_histories_and_empty_horizons() {
        assertThatThrownBy(() -> Baselines.naive(new double[0], 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Baselines.naive(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Baselines.seasonalNaive(new double[] {1, 2}, 3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 3");
    }

    @Test
    void copy_source_predicts_the_source_itself() {
        assertThat(Baselines.copySource(List.of("3 March 2021", "4 May 1999")))
                .containsExactly("3 March 2021", "4 May 1999");
    }

    @Test
    void detect_period_finds_a_pure_sine_wave() {
        double[] series = new double[120];
        for (int t = 0; t < series.length; t++) {
            series[t] = Math.sin(2 * Math.PI * t / 12);
        }
        assertThat(Baselines.detectPeriod(series, 40)).isEqualTo(12);
    }

    @Test
    void detect_period_sees_through_a_trend_and_noise() {
        Random random = new Random(7);
        double[] series = new double[200];
        for (int t = 0; t < series.length; t++) {
            series[t] = 0.5 * t + 4 * Math.sin(2 * Math.PI * t / 7) + random.nextGaussian();
        }
        assertThat(Baselines.detectPeriod(series, 30)).isEqualTo(7);
    }

    @Test
    void detect_period_finds_a_non_sinusoidal_pattern() {
        double[] pattern = {0, 0, 5, 1, 0, 0, 0, 3, 0, 0};
        double[] series = new double[100];
        for (int t = 0; t < series.length; t++) {
            series[t] = pattern[t % pattern.length];
        }
        assertThat(Baselines.detectPeriod(series, 24)).isEqualTo(10);
    }

    @Test
    void detect_period_returns_one_for_white_noise() {
        Random random = new Random(42);
        double[] series = new double[500];
        for (int t = 0; t < series.length; t++) {
            series[t] = random.nextGaussian();
        }
        assertThat(Baselines.detectPeriod(series, 50)).isEqualTo(1);
    }

    @Test
    void detect_period_returns_one_for_a_straight_line_or_a_constant() {
        double[] line = new double[50];
        for (int t = 0; t < line.length; t++) {
            line[t] = 3 + 2 * t;
        }
        assertThat(Baselines.detectPeriod(line, 20)).isEqualTo(1);
        assertThat(Baselines.detectPeriod(new double[30], 10)).isEqualTo(1);
    }

    @Test
    void detect_period_needs_two_full_cycles() {
        double[] series = new double[30];
        for (int t = 0; t < series.length; t++) {
            series[t] = Math.sin(2 * Math.PI * t / 20);
        }
        // a period of 20 cannot be confirmed from 30 points (lags beyond 15 are not looked at)
        assertThat(Baselines.detectPeriod(series, 25)).isEqualTo(1);
        assertThat(Baselines.detectPeriod(new double[] {1, 2, 3}, 10)).isEqualTo(1);
    }
}
