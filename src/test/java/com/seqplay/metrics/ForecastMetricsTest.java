package com.seqplay.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ForecastMetricsTest {

    private static final double EPS = 1e-12;

    private static final double[] ACTUAL = {1, 2, 3, 4};
    private static final double[] FORECAST = {2, 2, 1, 4};

    @Test
    void mae_averages_absolute_errors() {
        // errors 1, 0, 2, 0 -> 3/4
        assertThat(ForecastMetrics.mae(ACTUAL, FORECAST)).isCloseTo(0.75, within(EPS));
    }

    @Test
    void rmse_is_the_root_of_the_mean_squared_error() {
        // squared errors 1, 0, 4, 0 -> mean 5/4 -> sqrt(1.25)
        assertThat(ForecastMetrics.rmse(ACTUAL, FORECAST)).isCloseTo(Math.sqrt(1.25), within(EPS));
    }

    @Test
    void smape_is_in_percent_and_treats_zero_over_zero_as_zero() {
        // terms: |110-100|/(100+110) = 10/210, 0/0 -> 0, |25-50|/(50+25) = 25/75
        // sMAPE = 200/3 * (10/210 + 0 + 1/3) = 25.396825396825395
        double smape = ForecastMetrics.smape(new double[] {100, 0, 50}, new double[] {110, 0, 25});
        assertThat(smape).isCloseTo(200.0 / 3 * (10.0 / 210 + 1.0 / 3), within(EPS));
        assertThat(smape).isCloseTo(25.396825396825395, within(1e-10));
    }

    @Test
    void smape_is_bounded_by_two_hundred() {
        assertThat(ForecastMetrics.smape(new double[] {0, 5}, new double[] {3, -5})).isCloseTo(200.0, within(EPS));
    }

    @Test
    void a_perfect_forecast_has_zero_error_everywhere() {
        double[] a = {3, -1, 0, 7};
        assertThat(ForecastMetrics.mae(a, a)).isZero();
        assertThat(ForecastMetrics.rmse(a, a)).isZero();
        assertThat(ForecastMetrics.smape(a, a)).isZero();
        assertThat(ForecastMetrics.mase(a, a, new double[] {1, 2, 4})).isZero();
    }

    @Test
    void mase_divides_by_the_in_sample_naive_error_worked_by_hand() {
        // training y = 1, 3, 2, 5, 4
        // naive (m = 1) in-sample errors: |3-1| = 2, |2-3| = 1, |5-2| = 3, |4-5| = 1 -> mean 7/4
        // test actual 6, 5; forecast 4, 6 -> MAE = (2 + 1)/2 = 3/2
        // MASE = (3/2) / (7/4) = 6/7
        double[] training = {1, 3, 2, 5, 4};
        double[] actual = {6, 5};
        double[] forecast = {4, 6};
        assertThat(ForecastMetrics.naiveInSampleMae(training, 1)).isCloseTo(1.75, within(EPS));
        assertThat(ForecastMetrics.mase(actual, forecast, training)).isCloseTo(6.0 / 7, within(EPS));
    }

    @Test
    void seasonal_mase_compares_with_the_value_one_period_earlier() {
        // m = 2: in-sample errors |2-1| = 1, |5-3| = 2, |4-2| = 2 -> mean 5/3
        // MASE = (3/2) / (5/3) = 9/10
        double[] training = {1, 3, 2, 5, 4};
        assertThat(ForecastMetrics.mase(new double[] {6, 5}, new double[] {4, 6}, training, 2))
                .isCloseTo(0.9, within(EPS));
    }

    @Test
    void mase_is_nan_when_the_training_series_has_no_naive_error() {
        assertThat(ForecastMetrics.mase(new double[] {1}, new double[] {2}, new double[] {5, 5, 5})).isNaN();
    }

    @Test
    void mase_refuses_a_training_series_no_longer_than_the_period() {
        assertThatThrownBy(() -> ForecastMetrics.mase(new double[] {1}, new double[] {1}, new double[] {1, 2}, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 2 training values");
        assertThatThrownBy(() -> ForecastMetrics.naiveInSampleMae(new double[] {1, 2}, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void inputs_of_different_length_or_no_values_are_refused() {
        assertThatThrownBy(() -> ForecastMetrics.mae(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 1");
        assertThatThrownBy(() -> ForecastMetrics.rmse(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
