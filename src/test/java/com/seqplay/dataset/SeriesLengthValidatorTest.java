package com.seqplay.dataset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SeriesLengthValidatorTest {

    private static Series ofLength(int n) {
        return new Series("sales", new double[n]);
    }

    @Test
    void a_series_shorter_than_window_plus_horizon_plus_test_tail_is_refused_naming_the_numbers() {
        assertThatThrownBy(() -> SeriesLengthValidator.requireLength("sales.csv", ofLength(30), 24, 12, 12))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("sales.csv has 30 values; a window of 24 plus a horizon of 12 plus a test tail of 12 "
                        + "needs at least 48");
    }

    @Test
    void a_series_of_exactly_the_needed_length_is_accepted() {
        assertThatCode(() -> SeriesLengthValidator.requireLength("sales.csv", ofLength(48), 24, 12, 12))
                .doesNotThrowAnyException();
    }

    @Test
    void nonsense_sizes_are_a_programming_error() {
        assertThatThrownBy(() -> SeriesLengthValidator.requireLength("s.csv", ofLength(10), 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
