package com.seqplay.ui.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnitOrderTest {
    /** [step][unit]: unit 0 constant, unit 1 swings widely, unit 2 a little. */
    private static final float[][] HIDDEN = {
        {0.5f, -0.9f, 0.1f},
        {0.5f, 0.9f, 0.2f},
        {0.5f, -0.8f, 0.0f},
    };

    @Test
    void most_active_first_puts_the_unit_that_varies_most_on_top_and_a_constant_one_last() {
        assertThat(UnitOrder.ACTIVITY.of(HIDDEN)).containsExactly(1, 2, 0);
        assertThat(UnitOrder.MODEL.of(HIDDEN)).containsExactly(0, 1, 2);
    }

    @Test
    void rows_are_units_in_the_order_given_and_columns_are_steps() {
        float[][] rows = UnitOrder.rows(HIDDEN, new int[] {1, 2, 0});
        assertThat(rows[0]).containsExactly(-0.9f, 0.9f, -0.8f);
        assertThat(rows[2]).containsExactly(0.5f, 0.5f, 0.5f);
    }
}
