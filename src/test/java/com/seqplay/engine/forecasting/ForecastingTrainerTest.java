package com.seqplay.engine.forecasting;

import com.seqplay.dataset.ChronologicalSplit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.dataset.builtin.SeasonalSeries;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.Trainer;
import com.seqplay.engine.Events;
import com.seqplay.events.TrainerEvent;
import com.seqplay.metrics.ForecastMetrics;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One small LSTM run on builtin:seasonal, shared by the tests that read its events and its folder. */
@SlowTest
class ForecastingTrainerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPEC = """
            {"task":"forecasting","cell":"lstm","dataset":"builtin:seasonal","builtinSize":1200,"hiddenSize":32,
             "epochs":4,"batchSize":32,"seed":7}""";

    @TempDir
    static Path runDir;
    static RunSpec spec;
    static List<TrainerEvent> events = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        spec = SpecValidator.completeAndValidate(SpecJson.parse(SPEC));
        new Trainer(spec, runDir, events::add).run();
    }

    private static TrainerEvent.Result result() {
        return Events.result(events);
    }

    @Test
    void an_lstm_beats_the_seasonal_naive_forecast_on_the_test_tail() {
        TrainerEvent.Result result = result();
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.metrics()).containsKeys("val_loss", "mae", "rmse", "smape", "mase");
        assertThat(result.baselines()).containsKeys("naive_mae", "naive_mase", "naive_rmse", "naive_smape",
                "seasonal_naive_mae", "seasonal_naive_mase", "seasonal_naive_rmse", "seasonal_naive_smape");
        assertThat(result.metrics().get("mase")).isLessThan(result.baselines().get("seasonal_naive_mase"));
        // with a trend and a season, repeating the last value is far worse than either
        assertThat(result.baselines().get("naive_mase")).isGreaterThan(result.baselines().get("seasonal_naive_mase"));
    }

    /**
     * No falling-loss check here: on builtin:seasonal the Holt-Winters reference leaves mostly noise
     * for the network (ForecastingCellsTest checks learning on Mackey-Glass instead).
     */
    @Test
    void every_epoch_reports_a_loss_per_batch_and_validation_and_test_scores() {
        double[] losses = Events.values(events, "train_loss").stream().mapToDouble(Double::doubleValue).toArray();
        assertThat(losses).hasSize(4 * 25); // 781 training windows in batches of 32
        assertThat(java.util.Arrays.stream(losses).allMatch(loss -> Double.isFinite(loss) && loss > 0)).isTrue();
        for (String metric : List.of("val_loss", "mae", "rmse", "smape", "mase")) {
            assertThat(Events.metric(events, metric)).hasSize(4);
        }
    }

    @Test
    void each_epoch_stores_the_first_test_window_forecast_beside_the_actual_values() throws Exception {
        List<TrainerEvent.Sample> samples = Events.of(events, TrainerEvent.Sample.class);
        assertThat(samples).hasSize(4).allMatch(e -> "forecast".equals(e.kind()));
        JsonNode sample = JSON.readTree(samples.get(3).content());
        assertThat(sample.get("history")).hasSize(48);
        for (String field : List.of("actual", "forecast", "naive", "seasonalNaive")) {
            assertThat(sample.get(field)).as(field).hasSize(12);
        }
        // the test tail starts after 840 training and 120 validation values
        assertThat(sample.get("origin").asInt()).isEqualTo(960);
        assertThat(sample.get("period").asInt()).isEqualTo(24);
        double[] series = SeasonalSeries.generate(1200, 24, 7).values();
        assertThat(sample.get("actual").get(0).asDouble()).isEqualTo(series[960]);
        assertThat(sample.get("history").get(47).asDouble()).isEqualTo(series[959]);
        assertThat(sample.get("naive").get(11).asDouble()).isEqualTo(series[959]);
        assertThat(sample.get("seasonalNaive").get(0).asDouble()).isEqualTo(series[960 - 24]);
    }

    @Test
    void the_reported_mase_is_forecast_metrics_mase_of_the_best_checkpoint_on_the_test_tail() throws Exception {
        double[] series = SeasonalSeries.generate(1200, 24, 7).values();
        ChronologicalSplit split = ChronologicalSplit.of(series.length, 12);
        double[] training = split.train(series);
        Forecaster best = Forecaster.load(runDir);
        TailForecasts tail = TailForecasts.of(series, split, best,
                TailForecasts.holtWinters(series, split.validationEnd(), 24));
        assertThat(tail.actual()).hasSize(240);

        TrainerEvent.Result result = result();
        assertThat(result.metrics().get("mase"))
                .isCloseTo(ForecastMetrics.mase(tail.actual(), tail.forecast(), training, 24), within(1e-9));
        assertThat(result.metrics().get("mae")).isCloseTo(ForecastMetrics.mae(tail.actual(), tail.forecast()), within(1e-9));
        assertThat(result.baselines().get("seasonal_naive_mase"))
                .isCloseTo(ForecastMetrics.mase(tail.actual(), tail.seasonalNaive(), training, 24), within(1e-12));
        assertThat(result.baselines().get("naive_mase"))
                .isCloseTo(ForecastMetrics.mase(tail.actual(), tail.naive(), training, 24), within(1e-12));
        assertThat(result.baselines().get("holt_winters_mase"))
                .isCloseTo(ForecastMetrics.mase(tail.actual(), tail.holtWinters(), training, 24), within(1e-9));
        assertThat(result.metrics().get("coverage")).isCloseTo(tail.coverage(), within(1e-12));
    }

    @Test
    void the_run_folder_holds_the_best_model_and_its_normaliser_and_forecasts_from_a_list_of_numbers() throws Exception {
        assertThat(runDir.resolve(Checkpoints.MODEL_FILE)).exists();
        ForecastSetup setup = ForecastSetup.load(runDir);
        assertThat(setup.window()).isEqualTo(48);
        assertThat(setup.horizon()).isEqualTo(12);
        assertThat(setup.period()).isEqualTo(24);
        double[] series = SeasonalSeries.generate(1200, 24, 7).values();
        // a positive series is modelled on logarithms, normalised with the training part's only
        assertThat(setup.log()).isTrue();
        assertThat(setup.normaliser()).isEqualTo(Normaliser.fit(
                java.util.Arrays.stream(series, 0, 840).map(Math::log).toArray()));
        assertThat(setup.reference()).as("the Holt-Winters forecast the network corrects").isNotNull();
        assertThat(setup.intervalHalfWidth()).hasSize(12);
        assertThat(java.util.Arrays.stream(setup.intervalHalfWidth()).min().orElseThrow()).isPositive();

        Forecaster forecaster = Forecaster.load(runDir);
        List<Double> history = java.util.Arrays.stream(series, 0, 1000).boxed().toList();
        List<Double> forecast = forecaster.forecast(history, 30); // longer than the horizon: fed back
        assertThat(forecast).hasSize(30).allMatch(Double::isFinite);
        double[] actual = java.util.Arrays.copyOfRange(series, 1000, 1030);
        double[] predicted = forecast.stream().mapToDouble(Double::doubleValue).toArray();
        // within the noise (std 0.5) plus a margin, far from the season's swing of +-4
        assertThat(ForecastMetrics.mae(actual, predicted)).isLessThan(1.2);
        assertThatThrownBy(() -> forecaster.forecast(history.subList(0, 10), 5))
                .hasMessageContaining("window of 48").hasMessageContaining("has 10");
    }

    @Test
    void a_series_too_short_for_window_horizon_and_tail_is_refused_before_training_naming_the_numbers() {
        // Submission already refuses this spec (SpecValidator); the trainer guards on its own too.
        RunSpec shortSpec = com.seqplay.task.SpecValidator.complete(SpecJson.parse("""
                {"task":"forecasting","builtinSize":150,"window":200,"horizon":12}"""));
        List<TrainerEvent> shortEvents = new ArrayList<>();
        assertThatThrownBy(() -> new Trainer(shortSpec, runDir.resolve("short"), shortEvents::add).run())
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("builtin:seasonal has 150 values")
                .hasMessageContaining("window of 200").hasMessageContaining("horizon of 12")
                .hasMessageContaining("needs at least 257")
                .hasMessageContaining("15 values for validation and 30 for the test");
        assertThat(shortEvents).noneMatch(e -> e instanceof TrainerEvent.Metric);
        assertThat(Files.exists(runDir.resolve("short").resolve(Checkpoints.MODEL_FILE))).isFalse();
    }
}
