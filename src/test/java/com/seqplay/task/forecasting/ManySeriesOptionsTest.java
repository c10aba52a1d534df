package com.seqplay.task.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.dataset.builtin.MonthlySeries;
import com.seqplay.spec.ForecastingOptions;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.MissingValues;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.SpecProblem;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.UploadedData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The many-series and ensemble options: read strictly, validated, and the defaults proposed from every series. */
class ManySeriesOptionsTest {

    /** A wide upload: a date column and one column per series, of these lengths (shorter ones end early). */
    private static UploadedData.Lookup wide(int... lengths) {
        int longest = java.util.Arrays.stream(lengths).max().orElseThrow();
        var csv = new StringBuilder("month");
        for (int s = 0; s < lengths.length; s++) {
            csv.append(",s").append(s);
        }
        csv.append('\n');
        double[][] y = new double[lengths.length][];
        for (int s = 0; s < lengths.length; s++) {
            y[s] = MonthlySeries.generate(longest, s + 1).values();
        }
        for (int t = 0; t < longest; t++) {
            csv.append(t);
            for (int s = 0; s < lengths.length; s++) {
                csv.append(',').append(t < lengths[s] ? String.format(Locale.ROOT, "%.3f", y[s][t]) : "");
            }
            csv.append('\n');
        }
        var data = new UploadedData("wide.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        return ref -> Optional.of(data);
    }

    private static List<SpecProblem> problems(String json) {
        try {
            SpecValidator.completeAndValidate(SpecJson.parse(json), wide(120, 120));
            return List.of();
        } catch (InvalidSpecException e) {
            return e.problems();
        }
    }

    @Test
    void the_new_fields_are_typed_and_read_strictly() {
        RunSpec spec = SpecJson.parse("""
                {"task":"forecasting","valueColumns":["s0","2"],"ensemble":3}""");
        assertThat(spec.forecasting().valueColumns()).containsExactly("s0", "2");
        assertThat(spec.forecasting().ensemble()).isEqualTo(3);
        assertThatThrownBy(() -> SpecJson.parse("{\"task\":\"forecasting\",\"ensemble\":\"3\"}"))
                .hasMessageContaining("ensemble");
        assertThatThrownBy(() -> SpecJson.parse("{\"task\":\"forecasting\",\"valueColumns\":{\"a\":1}}"))
                .hasMessageContaining("valueColumns");
    }

    @Test
    void contradictory_or_malformed_column_options_are_refused_naming_the_field() {
        assertThat(problems("""
                {"task":"forecasting","dataset":"upload:1","seriesColumn":"month","valueColumns":["s0"]}"""))
                .extracting(SpecProblem::field).contains("valueColumns");
        assertThat(problems("""
                {"task":"forecasting","dataset":"upload:1","valueColumn":"s0","valueColumns":["s1"]}"""))
                .extracting(SpecProblem::field).contains("valueColumn");
        assertThat(problems("""
                {"task":"forecasting","dataset":"upload:1","valueColumns":["s0","S0"]}"""))
                .anyMatch(p -> p.field().equals("valueColumns") && p.message().contains("twice"));
        assertThat(problems("""
                {"task":"forecasting","dataset":"upload:1","valueColumns":["*","s0"]}"""))
                .anyMatch(p -> p.field().equals("valueColumns") && p.message().contains("alone"));
        assertThat(problems("""
                {"task":"forecasting","dataset":"builtin:monthly","seriesColumn":"store"}"""))
                .anyMatch(p -> p.field().equals("seriesColumn") && p.message().contains("uploaded CSV"));
        assertThat(problems("""
                {"task":"forecasting","dataset":"upload:1","ensemble":0}"""))
                .anyMatch(p -> p.field().equals("ensemble"));
    }

    @Test
    void the_shortest_series_bounds_the_window_and_the_batch_comes_from_the_windows_of_all() {
        var csv = new StringBuilder("store,value\n");
        int[] lengths = {60, 240, 240, 240};
        for (int s = 0; s < lengths.length; s++) {
            for (double v : MonthlySeries.generate(lengths[s], s + 1).values()) {
                csv.append("store").append(s).append(',').append(String.format(Locale.ROOT, "%.3f", v)).append('\n');
            }
        }
        var data = new UploadedData("long.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"upload:1","seriesColumn":"store"}"""), ref -> Optional.of(data));
        // alone, 60 values give a window of one season; so they do beside longer series
        RunSpec alone = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"upload:1","valueColumns":["s0"]}"""), wide(60));
        assertThat(spec.forecasting().window()).isEqualTo(alone.forecasting().window());
        assertThat(spec.forecasting().horizon()).isEqualTo(alone.forecasting().horizon());
        assertThat(spec.batchSize()).isGreaterThan(alone.batchSize());
        assertThat(spec.forecasting().ensemble()).isEqualTo(ForecastingTask.DEFAULT_ENSEMBLE);
    }

    @Test
    void the_upload_check_counts_the_windows_of_every_series_and_names_one_too_short() {
        var task = new ForecastingTask();
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"upload:1","valueColumns":["s0","s1"],"window":24,"horizon":12}"""),
                wide(120, 120));
        var upload = wide(120, 120).find("upload:1").orElseThrow();
        long one = ForecastingTask.trainingWindows(120, spec.forecasting());
        assertThat(task.uploadTrainingExamples(spec, upload.fileName(), upload.content())).isEqualTo(2 * one);

        var gap = wide(120, 40).find("upload:1").orElseThrow();
        assertThatThrownBy(() -> task.uploadTrainingExamples(spec, gap.fileName(), gap.content()))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessage("wide.csv line 42: the value in column 3 (\"s1\") is missing; fill it in, or choose "
                        + "interpolation of missing values");

        var csv = new StringBuilder("store,value\n");
        for (int t = 0; t < 120; t++) {
            csv.append("a,").append(100 + t % 12).append('\n');
            if (t < 40) {
                csv.append("b,").append(50 + t % 12).append('\n');
            }
        }
        RunSpec longSpec = spec.withOptions(new ForecastingOptions(null, 24, 12, 12, null, null, MissingValues.REFUSE,
                0, "store", null, 1));
        assertThatThrownBy(() -> task.uploadTrainingExamples(longSpec, "long.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("long.csv series \"b\" has 40 values");
    }
}
