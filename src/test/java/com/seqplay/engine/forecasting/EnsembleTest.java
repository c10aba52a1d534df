package com.seqplay.engine.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.Events;
import com.seqplay.engine.Trainer;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Averaging over seeds: the members differ, and a fixed seed gives the same ensemble every time. */
@SlowTest
class EnsembleTest {
    /** Mackey-Glass, where training beats the reference (on a short monthly series both keep it, and agree). */
    private static final String SPEC = """
            {"task":"forecasting","dataset":"builtin:mackey-glass","builtinSize":1200,"hiddenSize":32,"epochs":4,
             "batchSize":32,"backtests":1,"seed":5,"ensemble":%d}""";

    @TempDir
    Path dir;

    private List<TrainerEvent> run(int members, String folder) throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(SPEC.formatted(members)));
        List<TrainerEvent> events = new ArrayList<>();
        new Trainer(spec, Files.createDirectories(dir.resolve(folder)), events::add).run();
        return events;
    }

    @Test
    void three_seeds_averaged_give_the_same_forecasts_and_scores_each_time_and_differ_from_one_network() throws Exception {
        List<TrainerEvent> first = run(3, "a");
        List<TrainerEvent> again = run(3, "b");
        TrainerEvent.Result a = Events.result(first);
        assertThat(a.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(Events.result(again).metrics()).isEqualTo(a.metrics());
        assertThat(Events.values(again, "train_loss")).isEqualTo(Events.values(first, "train_loss"));
        assertThat(Events.logs(first)).anyMatch(l -> l.contains("an ensemble of 3 networks (seeds 5 to 7) averaged"));

        // every member is saved, and the loaded ensemble forecasts what the run scored
        assertThat(dir.resolve("a").resolve(Forecaster.memberFile(2))).exists();
        Forecaster loaded = Forecaster.load(dir.resolve("a"));
        double[] series = com.seqplay.task.forecasting.ForecastingTask.builtinSeries("builtin:mackey-glass", 1200, 5).values();
        double[] history = java.util.Arrays.copyOf(series, 1000);
        assertThat(loaded.forecast(history, 12)).containsExactly(Forecaster.load(dir.resolve("b")).forecast(history, 12));

        TrainerEvent.Result single = Events.result(run(1, "c"));
        assertThat(single.metrics().get("mase")).isNotEqualTo(a.metrics().get("mase"));
        assertThat(dir.resolve("c").resolve(Forecaster.memberFile(1))).doesNotExist();
    }
}
