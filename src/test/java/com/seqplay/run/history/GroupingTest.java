package com.seqplay.run.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupingTest {

    @Test
    void stats_are_the_mean_the_sample_standard_deviation_and_the_range() {
        Grouping.Stats s = Grouping.Stats.of(List.of(2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0));
        assertThat(s.count()).isEqualTo(8);
        assertThat(s.mean()).isEqualTo(5.0);
        assertThat(s.sd()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
        assertThat(s.min()).isEqualTo(2.0);
        assertThat(s.max()).isEqualTo(9.0);
        assertThat(Grouping.Stats.of(List.of(3.0)).sd()).isZero();
        assertThat(Grouping.Stats.of(List.of(Double.NaN, 1.0)).count()).isEqualTo(1);
    }

    @Test
    void runs_group_by_any_specification_field_in_order_of_appearance() {
        List<Run> runs = List.of(run(1, "gru", "none", 1), run(2, "lstm", "none", 1), run(3, "gru", "global-norm", 2));
        assertThat(Grouping.group(runs, "cell")).containsOnlyKeys("gru", "lstm");
        assertThat(Grouping.group(runs, "cell").get("gru")).extracting(Run::id).containsExactly(1L, 3L);
        assertThat(Grouping.group(runs, "clipping.mode").keySet()).containsExactly("none", "global-norm");
        assertThat(Grouping.group(runs, "clipping").keySet()).containsExactly("none", "global-norm 5");
        assertThat(Grouping.group(runs, "seed").keySet()).containsExactly("1", "2");
    }

    @Test
    void a_band_is_the_mean_and_spread_over_the_runs_at_each_x() {
        var a = List.of(point(1, 1.0), point(2, 2.0), point(3, 3.0));
        var b = List.of(point(1, 3.0), point(2, 4.0));
        List<Grouping.BandPoint> band = Grouping.band(List.of(a, b), MetricPoint::step);
        assertThat(band).extracting(Grouping.BandPoint::x).containsExactly(1L, 2L, 3L);
        assertThat(band.get(0).stats().mean()).isEqualTo(2.0);
        assertThat(band.get(0).stats().sd()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(band.get(1).stats().min()).isEqualTo(2.0);
        assertThat(band.get(1).stats().max()).isEqualTo(4.0);
        assertThat(band.get(2).stats().count()).as("only one run got that far").isEqualTo(1);
    }

    private static MetricPoint point(long step, double value) {
        return new MetricPoint("val_loss", step, (int) step, value, Instant.EPOCH.plusSeconds(step));
    }

    private static Run run(long id, String cell, String clipping, long seed) {
        var spec = SpecValidator.complete(SpecJson.parse("""
                {"task":"textgen","cell":"%s","clipping":{"mode":"%s"},"seed":%d}""".formatted(cell, clipping, seed)));
        return new Run(id, "local", "r" + id, spec, seed, RunStatus.SUCCEEDED, Instant.EPOCH, null, null, null, null,
                null, null, null, null);
    }
}
