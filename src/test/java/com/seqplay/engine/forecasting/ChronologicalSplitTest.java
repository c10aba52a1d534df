package com.seqplay.engine.forecasting;

import com.seqplay.dataset.ChronologicalSplit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChronologicalSplitTest {
    @Test
    void the_last_fifth_is_the_test_tail_and_the_tenth_before_it_validation() {
        ChronologicalSplit s = ChronologicalSplit.of(5000, 12);
        assertThat(s.trainEnd()).isEqualTo(3500);
        assertThat(s.validationEnd()).isEqualTo(4000);
        assertThat(s.testLength()).isEqualTo(1000);
        assertThat(TailForecasts.origins(s, 12)).hasSize(83).startsWith(4000, 4012).endsWith(4984);
    }

    @Test
    void each_held_out_part_is_at_least_one_horizon() {
        ChronologicalSplit s = ChronologicalSplit.of(200, 50);
        assertThat(s.testLength()).isEqualTo(50);
        assertThat(s.validationLength()).isEqualTo(50);
        assertThat(s.trainLength()).isEqualTo(100);
        assertThat(TailForecasts.origins(s, 50)).containsExactly(150);
    }
}
