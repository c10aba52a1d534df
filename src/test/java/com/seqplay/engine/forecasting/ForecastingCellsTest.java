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

/**
 * Each cell learns: on the Mackey-Glass series (chaotic dynamics, nothing a seasonal or Holt-Winters
 * model can copy) the training loss per epoch falls, the validation loss ends lower than it started,
 * and the forecast beats the Holt-Winters reference the network corrects. On builtin:seasonal the
 * reference already captures trend and season and what is left is mostly noise, so the network has
 * little to learn there; a falling loss within an epoch there was once an artefact of DL4J's
 * shuffle, which kept the early, larger errors in the first batches of every epoch (see DataSets).
 */
@SlowTest
class ForecastingCellsTest {
    @TempDir
    Path runDir;

    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void each_cell_learns_the_dynamics_of_mackey_glass_and_beats_holt_winters(String cell) throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","cell":"%s","dataset":"builtin:mackey-glass","builtinSize":1200,
                 "hiddenSize":32,"epochs":4,"batchSize":32,"seed":7}""".formatted(cell)));
        List<TrainerEvent> events = new ArrayList<>();
        new Trainer(spec, runDir, events::add).run();

        double[] train = values(events, "train_loss");
        double[] val = values(events, "val_loss");
        assertThat(val).hasSize(4);
        int perEpoch = train.length / 4;
        assertThat(perEpoch).isGreaterThan(20);
        // epoch means: a batch's loss depends on which windows it drew
        assertThat(mean(train, 3 * perEpoch, 4 * perEpoch)).as(cell + " train_loss, last epoch against the first")
                .isLessThan(0.95 * mean(train, 0, perEpoch));
        assertThat(val[3]).as(cell + " val_loss").isLessThan(val[0]);
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.metrics().get("mase")).as(cell + " MASE against Holt-Winters")
                .isLessThan(result.baselines().get("holt_winters_mase"));
        assertThat(result.metrics().get("mase")).isLessThan(result.baselines().get("seasonal_naive_mase"));
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
