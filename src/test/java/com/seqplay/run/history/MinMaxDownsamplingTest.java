package com.seqplay.run.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.run.domain.MetricPoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinMaxDownsamplingTest {

    @Test
    void a_single_spike_and_dip_survive_thinning_a_long_series() {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            double v = i == 73_501 ? 1e6 : i == 12_345 ? -50 : Math.sin(i / 1000.0);
            points.add(new MetricPoint("grad_norm", i, 1, v, Instant.EPOCH));
        }

        List<MetricPoint> thinned = MinMaxDownsampling.apply(points, 1000);

        assertThat(thinned).hasSizeLessThanOrEqualTo(1000).hasSizeGreaterThan(900);
        assertThat(thinned).extracting(MetricPoint::value).contains(1e6, -50.0);
        assertThat(thinned.get(0).step()).isZero();
        assertThat(thinned.get(thinned.size() - 1).step()).isEqualTo(99_999);
        assertThat(thinned).extracting(MetricPoint::step).isSorted();
    }

    @Test
    void a_short_series_is_left_as_it_is() {
        List<MetricPoint> points = List.of(new MetricPoint("a", 1, 1, 1, Instant.EPOCH),
                new MetricPoint("a", 2, 1, 2, Instant.EPOCH));
        assertThat(MinMaxDownsampling.apply(points, 1000)).isSameAs(points);
    }
}
