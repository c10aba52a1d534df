package com.seqplay.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.run.history.GridPlan;
import com.seqplay.spec.InvalidSpecException;
import org.junit.jupiter.api.Test;

class GridLaunchPanelTest {

    @Test
    void lines_of_field_and_values_become_the_grid_and_its_run_count() {
        var vary = GridLaunchPanel.parse("cell: rnn, lstm, gru\n\nclipping.mode: none, global-norm\nseed: 1, 2, 3\n"
                + "learningRate: 0.01, 0.003");
        assertThat(vary.keySet()).containsExactly("cell", "clipping.mode", "seed", "learningRate");
        assertThat(vary.get("seed").get(0).isIntegralNumber()).isTrue();
        assertThat(vary.get("learningRate").get(1).asDouble()).isEqualTo(0.003);
        assertThat(vary.get("cell").get(2).asText()).isEqualTo("gru");
        assertThat(GridPlan.count(vary)).isEqualTo(36);
    }

    @Test
    void a_line_without_a_colon_is_named() {
        assertThatThrownBy(() -> GridLaunchPanel.parse("cell: rnn\nseed 1, 2")).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("line 2");
    }
}
