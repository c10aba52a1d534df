package com.seqplay.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExactMatchTest {

    @Test
    void counts_the_fraction_of_identical_predictions() {
        assertThat(ExactMatch.score(List.of("2021-03-03", "2020-01-01", "1999-12-31", "x"),
                List.of("2021-03-03", "2020-01-02", "1999-12-31", "y"))).isEqualTo(0.5);
    }

    @Test
    void all_right_is_one_and_all_wrong_is_zero() {
        assertThat(ExactMatch.score(List.of("a", "b"), List.of("a", "b"))).isEqualTo(1.0);
        assertThat(ExactMatch.score(List.of("a", "b"), List.of("b", "a"))).isZero();
    }

    @Test
    void whitespace_and_case_differences_count_as_wrong() {
        assertThat(ExactMatch.score(List.of("312 ", "Abc"), List.of("312", "abc"))).isZero();
    }

    @Test
    void mismatched_lengths_and_empty_lists_are_refused() {
        assertThatThrownBy(() -> ExactMatch.score(List.of("a"), List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExactMatch.score(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
