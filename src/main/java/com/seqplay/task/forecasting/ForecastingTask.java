package com.seqplay.task.forecasting;

import static com.seqplay.task.SpecValidator.or;
import static com.seqplay.task.SpecValidator.range;

import com.seqplay.dataset.ChronologicalSplit;
import com.seqplay.dataset.Series;
import com.seqplay.dataset.SeriesFileParser;
import com.seqplay.spec.ForecastingOptions;
import com.seqplay.spec.MissingValues;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.TaskOptions;
import com.seqplay.spec.TaskType;
import com.seqplay.task.BuiltinDataset;
import com.seqplay.task.CommonDefaults;
import com.seqplay.task.MainMetric;
import com.seqplay.task.Preset;
import com.seqplay.task.Presets;
import com.seqplay.task.RunPanel;
import com.seqplay.task.TaskDefinition;
import java.util.List;
import java.util.Set;

/**
 * Time-series forecasting. Defaults: 64 hidden units and batches of 64 beat the seasonal-naive
 * forecast on {@code builtin:seasonal} as clearly as 128 and 32 do, in about half the time.
 */
public final class ForecastingTask implements TaskDefinition {
    /** The season of {@code builtin:seasonal}. */
    public static final int SEASONAL_PERIOD = 24;

    @Override
    public TaskType type() {
        return TaskType.FORECASTING;
    }

    @Override
    public CommonDefaults commonDefaults() {
        return new CommonDefaults(10, 1, 64, 64);
    }

    @Override
    public TaskOptions completeOptions(TaskOptions raw) {
        var o = raw instanceof ForecastingOptions f ? f : new ForecastingOptions(null, null, null, null, null, null, null);
        return new ForecastingOptions(or(o.builtinSize(), 5_000), or(o.window(), 48), or(o.horizon(), 12),
                or(o.period(), 0), blankToNull(o.valueColumn()), blankToNull(o.dateColumn()),
                or(o.missingValues(), MissingValues.REFUSE));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Override
    public void validate(RunSpec spec, List<SpecProblem> p) {
        ForecastingOptions o = spec.forecasting();
        range(p, "builtinSize", o.builtinSize(), 100, 5_000_000);
        range(p, "window", o.window(), 1, 5000);
        range(p, "horizon", o.horizon(), 1, 1000);
        range(p, "period", o.period(), 0, 5000);
    }

    @Override
    public List<BuiltinDataset> builtins() {
        return List.of(
                new BuiltinDataset("builtin:seasonal",
                        "A trend, a lopsided season of 24 steps and noise: beat the seasonal naive forecast"),
                new BuiltinDataset("builtin:mackey-glass",
                        "The chaotic Mackey-Glass delay equation (tau 17): no season to copy, only dynamics to learn"));
    }

    /**
     * The parser of uploaded series for these options: the check at submission and the trainer
     * both read the file through it, so they cannot disagree. Columns are header names or 1-based
     * indices.
     */
    public static SeriesFileParser parser(ForecastingOptions o) {
        var parser = new SeriesFileParser().withMissingValues(o.missingValues());
        if (o.valueColumn() != null) {
            parser = isIndex(o.valueColumn()) ? parser.withValueColumn(Integer.parseInt(o.valueColumn()) - 1)
                    : parser.withValueColumn(o.valueColumn());
        }
        if (o.dateColumn() != null) {
            parser = isIndex(o.dateColumn()) ? parser.withDateColumn(Integer.parseInt(o.dateColumn()) - 1)
                    : parser.withDateColumn(o.dateColumn());
        }
        return parser;
    }

    private static boolean isIndex(String column) {
        return column.matches("[1-9][0-9]{0,5}");
    }

    /** Windows whose targets lie in the training part of a series of {@code length} values. */
    public static long trainingWindows(int length, ForecastingOptions o) {
        return ChronologicalSplit.of(length, o.horizon()).trainEnd() - o.window() - o.horizon() + 1L;
    }

    @Override
    public long builtinTrainingExamples(RunSpec spec) {
        return trainingWindows(spec.forecasting().builtinSize(), spec.forecasting());
    }

    @Override
    public String describeUpload(String fileName, byte[] content) {
        Series series = new SeriesFileParser().parse(fileName, content);
        return series.length() + " values of '" + series.name() + "'" + (series.dates() != null ? " with dates" : "");
    }

    @Override
    public long uploadTrainingExamples(RunSpec spec, String fileName, byte[] content) {
        ForecastingOptions o = spec.forecasting();
        Series series = parser(o).parse(fileName, content);
        ChronologicalSplit.checked(fileName, series, o.window(), o.horizon());
        return trainingWindows(series.length(), o);
    }

    @Override
    public String exampleUnit(RunSpec spec) {
        return "windows of " + spec.forecasting().window() + " + " + spec.forecasting().horizon() + " points";
    }

    @Override
    public MainMetric mainMetric() {
        return new MainMetric("mase", MainMetric.Direction.LOWER_IS_BETTER, "seasonal_naive_mase",
                "the seasonal-naive forecast");
    }

    @Override
    public Set<RunPanel> panels() {
        return Set.of(RunPanel.FORECAST);
    }

    @Override
    public List<Preset> presets() {
        return List.of(
                Presets.of("Seasonal series (LSTM)", "Trend, a daily-like season and noise: the network must beat "
                        + "the seasonal-naive forecast.", """
                        {"task":"forecasting","cell":"lstm","dataset":"builtin:seasonal"}"""),
                Presets.of("Mackey-Glass chaos (GRU)", "A chaotic series: good short-term forecasts, errors that "
                        + "grow with the horizon.", """
                        {"task":"forecasting","cell":"gru","dataset":"builtin:mackey-glass"}"""));
    }
}
