package com.seqplay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BestEpochTest {
    @Test
    void with_patience_two_it_stops_after_two_epochs_without_a_lower_validation_loss() {
        var best = new BestEpoch(2);
        assertThat(best.offer(1, 0.5)).isTrue();
        assertThat(best.offer(2, 0.4)).isTrue();
        assertThat(best.offer(3, 0.45)).isFalse();
        assertThat(best.shouldStop(3)).isFalse();
        assertThat(best.offer(4, 0.4)).isFalse(); // equal is not better
        assertThat(best.shouldStop(4)).isTrue();
        assertThat(best.epoch()).isEqualTo(2);
        assertThat(best.loss()).isEqualTo(0.4);
    }

    @Test
    void patience_zero_never_stops_and_nan_is_never_best() {
        var best = new BestEpoch(0);
        assertThat(best.offer(1, Double.NaN)).isFalse();
        assertThat(best.epoch()).isZero();
        assertThat(best.offer(2, 1.0)).isTrue();
        for (int epoch = 3; epoch < 50; epoch++) {
            best.offer(epoch, 2.0);
            assertThat(best.shouldStop(epoch)).isFalse();
        }
    }
}
