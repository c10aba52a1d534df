package com.seqplay.engine.forecasting;

import com.seqplay.dataset.ChronologicalSplit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormaliserTest {
    @TempDir
    Path dir;

    @Test
    void it_standardises_with_the_mean_and_population_std_of_what_it_is_fitted_on() {
        Normaliser n = Normaliser.fit(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        assertThat(n.mean()).isEqualTo(5.0);
        assertThat(n.std()).isEqualTo(2.0);
        assertThat(n.normalise(9)).isEqualTo(2.0);
        assertThat(n.denormalise(n.normalise(3.7))).isCloseTo(3.7, within(1e-12));
    }

    @Test
    void the_trainer_fits_it_on_the_training_part_only_so_the_future_does_not_leak_in() {
        // a series whose held-out part is wildly different: fitting on everything would move both numbers
        double[] series = new double[100];
        for (int i = 0; i < series.length; i++) {
            series[i] = i < 70 ? (i % 2 == 0 ? 1 : 3) : 1000;
        }
        ChronologicalSplit split = ChronologicalSplit.of(series.length, 5);
        assertThat(split.trainEnd()).isEqualTo(70);
        Normaliser n = Normaliser.fit(split.train(series));
        assertThat(n.mean()).isEqualTo(2.0);
        assertThat(n.std()).isEqualTo(1.0);
        // applied unchanged to the held-out part
        assertThat(n.normalise(series[99])).isEqualTo(998.0);
    }

    @Test
    void a_constant_training_part_gets_a_unit_std_instead_of_a_division_by_zero() {
        Normaliser n = Normaliser.fit(new double[] {3, 3, 3});
        assertThat(n.std()).isEqualTo(1.0);
        assertThat(n.normalise(4)).isEqualTo(1.0);
    }

    @Test
    void the_setup_file_round_trips() throws Exception {
        var setup = new ForecastSetup(48, 12, 24, new Normaliser(18.25, 5.5), true, new double[] {0.5, 0.75},
                com.seqplay.metrics.HoltWinters.best(com.seqplay.dataset.builtin.MonthlySeries.generate(60, 1).values(), 12)
                        .orElseThrow());
        setup.save(dir);
        assertThat(ForecastSetup.load(dir)).usingRecursiveComparison().isEqualTo(setup);
    }
}
