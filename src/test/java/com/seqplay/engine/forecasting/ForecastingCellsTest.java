package com.seqplay.engine.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.Trainer;
import com.seqplay.engine.Events;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@SlowTest
class ForecastingCellsTest {
    @TempDir
    Path runDir;

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void each_cell_learns_the_seasonal_series_with_a_falling_loss(String cell) throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","cell":"%s","builtinSize":800,"window":24,"horizon":6,"hiddenSize":24,
                 "epochs":3,"batchSize":32}""".formatted(cell)));
        List<TrainerEvent> events = new ArrayList<>();
        new Trainer(spec, runDir, events::add).run();

        double[] train = values(events, "train_loss");
        double[] val = values(events, "val_loss");
        assertThat(train.length).isGreaterThan(40);
        assertThat(mean(train, train.length - 8, train.length)).as(cell + " train_loss").isLessThan(mean(train, 0, 8) / 2);
        assertThat(val).hasSize(3);
        assertThat(val[2]).as(cell + " val_loss").isLessThan(val[0]);
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        // a learned model is far better than repeating the last value
        assertThat(result.metrics().get("mase")).isLessThan(result.baselines().get("naive_mase"));
    }

    private static double[] values(List<TrainerEvent> events, String name) {
        return Events.values(events, name).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double mean(double[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
