package com.seqplay.task.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.dataset.builtin.MonthlySeries;
import com.seqplay.dataset.builtin.SeasonalSeries;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.SpecProblem;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.UploadedData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ForecastingDefaultsTest {

    /** A CSV upload of {@code n} months, found under {@code upload:1}. */
    static UploadedData.Lookup monthlyUpload(int n, long seed) {
        var csv = new StringBuilder("month,sales\n");
        double[] y = MonthlySeries.generate(n, seed).values();
        for (int i = 0; i < n; i++) {
            csv.append(2000 + i / 12).append('-').append(String.format(Locale.ROOT, "%02d", i % 12 + 1)).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", y[i])).append('\n');
        }
        var data = new UploadedData("sales.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        return ref -> ref.equals("upload:1") ? Optional.of(data) : Optional.empty();
    }

    /** The completed spec of an upload of {@code n} months with nothing but the task and dataset given. */
    static RunSpec defaultsFor(int n) {
        return SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"upload:1","valueColumn":"sales"}"""), monthlyUpload(n, 7));
    }

    @ParameterizedTest
    @ValueSource(ints = {60, 100, 240, 3000})
    void the_defaults_proposed_for_a_monthly_series_are_accepted_with_the_upload(int n) {
        RunSpec spec = defaultsFor(n);
        var o = spec.forecasting();
        assertThat(o.period()).isEqualTo(12);
        assertThat(o.window()).isGreaterThanOrEqualTo(12);
        long windows = ForecastingTask.trainingWindows(n, o);
        assertThat(windows).isGreaterThanOrEqualTo(ForecastingDefaults.MIN_WINDOWS);
        // what DatasetService checks at submission, with the file read exactly as the trainer will
        List<SpecProblem> problems = new ArrayList<>();
        var upload = monthlyUpload(n, 7).find("upload:1").orElseThrow();
        SpecValidator.checkBatchFitsData(problems, spec,
                new ForecastingTask().uploadTrainingExamples(spec, upload.fileName(), upload.content()));
        assertThat(problems).isEmpty();
        assertThat((long) spec.epochs() * ((windows + spec.batchSize() - 1) / spec.batchSize()))
                .isGreaterThanOrEqualTo(Math.min(ForecastingDefaults.TARGET_UPDATES, 10L * windows / spec.batchSize()));
    }

    @Test
    void a_short_series_gets_a_short_window_small_batches_and_many_epochs_with_reasons() {
        var v = ForecastingDefaults.propose(MonthlySeries.generate(100, 3).values(), ForecastingDefaults.Given.NOTHING);
        assertThat(v.period()).isEqualTo(12);
        assertThat(v.horizon()).isEqualTo(12);
        assertThat(v.window()).isEqualTo(24);
        assertThat(v.batchSize()).isEqualTo(8);
        assertThat(v.hiddenSize()).isEqualTo(32);
        assertThat(v.epochs()).isGreaterThan(50);
        assertThat(v.patience()).isPositive();
        assertThat(v.reasons()).containsEntry("window", "24: two seasons of 12")
                .containsEntry("horizon", "12: one season of 12")
                .containsKeys("period", "batchSize", "hiddenSize", "epochs", "patience");
        assertThat(v.reasons().get("batchSize")).contains("33 training windows");
    }

    @Test
    void sixty_months_get_a_shorter_horizon_that_says_why() {
        var v = ForecastingDefaults.propose(MonthlySeries.generate(60, 3).values(), ForecastingDefaults.Given.NOTHING);
        assertThat(v.period()).isEqualTo(12);
        assertThat(v.horizon()).isLessThan(12);
        assertThat(v.trainingWindows()).isGreaterThanOrEqualTo(ForecastingDefaults.MIN_WINDOWS);
        assertThat(v.reasons().get("horizon")).contains("too few training windows");
    }

    @Test
    void given_values_are_kept_and_shape_the_rest() {
        var v = ForecastingDefaults.propose(MonthlySeries.generate(100, 3).values(),
                new ForecastingDefaults.Given(null, 12, 6, null, 16, null, null));
        assertThat(v.window()).isEqualTo(12);
        assertThat(v.horizon()).isEqualTo(6);
        assertThat(v.hiddenSize()).isEqualTo(16);
        assertThat(v.reasons()).doesNotContainKeys("window", "horizon", "hiddenSize");
        // 100 values: training part 100 - 20 - 10 = 70, so 70 - 12 - 6 + 1 = 53 windows
        assertThat(v.trainingWindows()).isEqualTo(53);
        assertThat(v.batchSize()).isEqualTo(8);
    }

    @Test
    void the_built_in_seasonal_series_keeps_its_long_standing_defaults() {
        RunSpec spec = SpecValidator.completeAndValidate(RunSpec.of(com.seqplay.spec.TaskType.FORECASTING));
        assertThat(spec.dataset()).isEqualTo("builtin:seasonal");
        assertThat(spec.forecasting().period()).isEqualTo(24);
        assertThat(spec.forecasting().window()).isEqualTo(48);
        assertThat(spec.forecasting().horizon()).isEqualTo(12);
        assertThat(spec.batchSize()).isEqualTo(64);
        assertThat(spec.hiddenSize()).isEqualTo(64);
        assertThat(spec.epochs()).isEqualTo(10);
        assertThat(spec.patience()).isZero();
        assertThat(SeasonalSeries.generate(5000, 24, 42).length()).isEqualTo(spec.forecasting().builtinSize());
    }

    @Test
    void a_season_too_long_to_read_twice_gets_the_usual_window_of_48() {
        var v = ForecastingDefaults.propose(2000, () -> 100, ForecastingDefaults.Given.NOTHING);
        assertThat(v.period()).isEqualTo(100);
        assertThat(v.window()).isEqualTo(48);
        assertThat(v.horizon()).isEqualTo(12);
        assertThat(v.reasons().get("window")).contains("too long");
    }

    @Test
    void builtin_monthly_is_twelve_years_with_defaults_from_its_data() {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"builtin:monthly"}"""));
        assertThat(spec.forecasting().builtinSize()).isEqualTo(ForecastingTask.MONTHLY_SIZE);
        assertThat(spec.forecasting().period()).isEqualTo(12);
        assertThat(spec.forecasting().window()).isEqualTo(24);
        assertThat(spec.batchSize()).isLessThanOrEqualTo(16);
    }

    @Test
    void a_form_choosing_a_dataset_gets_fresh_proposals_with_their_reasons() {
        RunSpec onSeasonal = SpecValidator.complete(RunSpec.of(com.seqplay.spec.TaskType.FORECASTING));
        var changed = new RunSpec(null, onSeasonal.task(), onSeasonal.cell(), onSeasonal.clipping(), "upload:1",
                onSeasonal.seed(), onSeasonal.epochs(), onSeasonal.layers(), onSeasonal.hiddenSize(), onSeasonal.dropout(),
                onSeasonal.optimizer(), onSeasonal.learningRate(), onSeasonal.weightInit(), onSeasonal.batchSize(),
                onSeasonal.updateGateBias(), onSeasonal.patience(), onSeasonal.maxWallSeconds(), null,
                onSeasonal.options());
        var proposal = SpecValidator.proposeFromData(changed, monthlyUpload(120, 1));
        assertThat(proposal.spec().forecasting().window()).isEqualTo(24);
        assertThat(proposal.spec().batchSize()).isLessThan(64);
        assertThat(proposal.reasons().get("window")).isEqualTo("24: two seasons of 12");
    }

    @Test
    void a_built_in_series_shorter_than_143_values_also_gets_defaults_from_its_data() {
        // season detection reads 70% of the series: under 100 values for these sizes, which once proposed nothing
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"builtin:monthly","builtinSize":120}"""));
        assertThat(spec.forecasting().period()).isEqualTo(12);
        assertThat((long) spec.batchSize()).isLessThanOrEqualTo(ForecastingTask.trainingWindows(120, spec.forecasting()));
    }
}
