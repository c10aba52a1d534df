package com.seqplay.dataset.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MackeyGlassTest {

    @Test
    void the_same_seed_gives_the_same_series() {
        assertThat(MackeyGlass.generate(500, 3)).isEqualTo(MackeyGlass.generate(500, 3));
    }

    @Test
    void different_seeds_give_different_trajectories() {
        double[] a = MackeyGlass.generate(1000, 1).values();
        double[] b = MackeyGlass.generate(1000, 2).values();
        double largestGap = 0;
        for (int i = 0; i < a.length; i++) {
            largestGap = Math.max(largestGap, Math.abs(a[i] - b[i]));
        }
        assertThat(largestGap).isGreaterThan(0.1);
    }

    @Test
    void values_stay_on_the_known_attractor_range_and_keep_moving() {
        double[] v = MackeyGlass.generate(2000, 4).values();
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        // With tau = 17 the attractor spans roughly 0.2 to 1.4.
        assertThat(min).isBetween(0.15, 0.6);
        assertThat(max).isBetween(1.1, 1.5);
    }

    @Test
    void finely_sampled_values_satisfy_the_delay_differential_equation() {
        // Sampled every 0.1 time units, tau = 17 is 170 samples back. A central difference of the
        // samples must match the right-hand side of dx/dt = 0.2 x(t-17)/(1+x(t-17)^10) - 0.1 x(t).
        double[] x = MackeyGlass.generate(3000, 0.1, 5).values();
        double h = 0.1;
        int delay = 170;
        double worst = 0;
        for (int t = delay + 1; t < x.length - 1; t++) {
            double slope = (x[t + 1] - x[t - 1]) / (2 * h);
            double expected = 0.2 * x[t - delay] / (1 + Math.pow(x[t - delay], 10)) - 0.1 * x[t];
            worst = Math.max(worst, Math.abs(slope - expected));
        }
        assertThat(worst).isLessThan(1e-3);
    }

    @Test
    void the_series_is_not_periodic_with_a_short_period() {
        double[] v = MackeyGlass.generate(1000, 6).values();
        // a chaotic series never repeats: no lag up to 100 makes it match itself closely
        for (int lag = 1; lag <= 100; lag++) {
            double worst = 0;
            for (int t = lag; t < v.length; t++) {
                worst = Math.max(worst, Math.abs(v[t] - v[t - lag]));
            }
            assertThat(worst).as("lag %d", lag).isGreaterThan(0.05);
        }
    }

    @Test
    void sample_intervals_off_the_integration_grid_are_refused() {
        assertThatThrownBy(() -> MackeyGlass.generate(10, 0.05, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MackeyGlass.generate(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
