package com.seqplay.ui;

import com.seqplay.spec.Clipping;
import com.seqplay.spec.ClippingMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.run.domain.MetricPoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClippedShareTest {

    private static MetricPoint clipped(long step, int epoch, double value) {
        return new MetricPoint("clipped", step, epoch, value, null);
    }

    @Test
    void the_share_is_counted_per_epoch_across_batches_and_other_series_are_ignored() {
        ClippedShare share = new ClippedShare();
        share.add(List.of(clipped(1, 1, 1), clipped(2, 1, 0), new MetricPoint("grad_norm", 2, 1, 40, null)));
        share.add(List.of(clipped(3, 1, 1), clipped(4, 1, 1), clipped(5, 2, 0)));

        List<MetricPoint> shares = share.shares();

        assertThat(shares).extracting(MetricPoint::epoch).containsExactly(1, 2);
        assertThat(shares.get(0).value()).isCloseTo(0.75, within(1e-12));
        assertThat(shares.get(0).step()).as("placed at the epoch's last step").isEqualTo(4);
        assertThat(shares.get(1).value()).isZero();
        assertThat(share.overall()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void nothing_seen_gives_no_points_and_no_share() {
        ClippedShare share = new ClippedShare();
        share.add(List.of(new MetricPoint("train_loss", 1, 1, 2.0, null)));
        assertThat(share.shares()).isEmpty();
        assertThat(share.overall()).isZero();
    }

    @Test
    void the_threshold_line_is_read_only_for_global_norm_clipping() {
        assertThat(GradientCharts.globalNormThreshold(new Clipping(ClippingMode.GLOBAL_NORM, 5.0)))
                .isEqualTo(5.0);
        assertThat(GradientCharts.globalNormThreshold(new Clipping(ClippingMode.L2_LAYER, 5.0))).isNull();
        assertThat(GradientCharts.globalNormThreshold(Clipping.NONE)).isNull();
    }
}
