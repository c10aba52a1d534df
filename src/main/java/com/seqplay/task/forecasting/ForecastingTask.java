package com.seqplay.task.forecasting;

import static com.seqplay.task.SpecValidator.or;
import static com.seqplay.task.SpecValidator.range;

import com.seqplay.dataset.ChronologicalSplit;
import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.dataset.Series;
import com.seqplay.dataset.SeriesFileParser;
import com.seqplay.dataset.builtin.MackeyGlass;
import com.seqplay.dataset.builtin.MonthlySeries;
import com.seqplay.dataset.builtin.SeasonalSeries;
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
import com.seqplay.task.Proposal;
import com.seqplay.task.RunPanel;
import com.seqplay.task.TaskDefinition;
import com.seqplay.task.UploadedData;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Time-series forecasting. Window, horizon, season, batch, hidden size and training budget left
 * out of a specification come from the data ({@link ForecastingDefaults}); on
 * {@code builtin:seasonal} they are the long-standing defaults (64 hidden units and batches of 64
 * beat the seasonal-naive forecast there as clearly as 128 and 32 do, in about half the time).
 */
public final class ForecastingTask implements TaskDefinition {
    /** The season of {@code builtin:seasonal}. */
    public static final int SEASONAL_PERIOD = 24;
    public static final String SEASONAL = "builtin:seasonal";
    public static final String MACKEY_GLASS = "builtin:mackey-glass";
    public static final String MONTHLY = "builtin:monthly";
    /** Twelve years of months: as short as the series people bring. */
    static final int MONTHLY_SIZE = 144;
    static final int DEFAULT_SIZE = 5_000;
    /** Backtest cut-offs of a short series, and the longest series that counts as short. */
    static final int BACKTESTS = 4;
    static final int SHORT_SERIES = 500;
    /**
     * Networks averaged by default, and at most. Measured on the five generated series of
     * RealStyleBench (100-240 points, backtest over 4 cut-offs): three seeds averaged gave a mean
     * backtest MASE of 0.614 against 0.615 for one network (no series moved by more than 0.02), for
     * three times the training; the network's output starts at zero and learns a small correction to
     * Holt-Winters, so networks of different seeds end up close. One it is.
     */
    static final int DEFAULT_ENSEMBLE = 1;
    static final int MAX_ENSEMBLE = 10;
    /** Most columns of a wide file one run reads. */
    static final int MAX_VALUE_COLUMNS = 1000;

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
        return new ForecastingOptions(or(o.builtinSize(), DEFAULT_SIZE), or(o.window(), 48), or(o.horizon(), 12),
                or(o.period(), 0), blankToNull(o.valueColumn()), blankToNull(o.dateColumn()),
                or(o.missingValues(), MissingValues.REFUSE), or(o.backtests(), defaultBacktests(o.builtinSize())),
                blankToNull(o.seriesColumn()), o.valueColumns() == null || o.valueColumns().isEmpty() ? null
                        : o.valueColumns().stream().map(c -> c == null ? "" : c.strip()).toList(),
                or(o.ensemble(), DEFAULT_ENSEMBLE));
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
        range(p, "backtests", o.backtests(), 0, 20);
        range(p, "ensemble", o.ensemble(), 1, MAX_ENSEMBLE);
        validateColumns(spec, o, p);
    }

    /** The many-series columns: one format at a time, each column named once, only for uploads. */
    private static void validateColumns(RunSpec spec, ForecastingOptions o, List<SpecProblem> p) {
        List<String> columns = o.valueColumns();
        if (columns != null) {
            if (o.seriesColumn() != null) {
                p.add(new SpecProblem("valueColumns", "cannot be combined with seriesColumn: a file is either long "
                        + "(a series column and one value column) or wide (one column per series)"));
            }
            if (o.valueColumn() != null) {
                p.add(new SpecProblem("valueColumn", "cannot be combined with valueColumns; name every series' column "
                        + "in valueColumns"));
            }
            if (columns.size() > MAX_VALUE_COLUMNS) {
                p.add(new SpecProblem("valueColumns", "names " + columns.size() + " columns; at most "
                        + MAX_VALUE_COLUMNS));
            }
            if (columns.stream().anyMatch(String::isEmpty)) {
                p.add(new SpecProblem("valueColumns", "holds an empty column name"));
            } else if (columns.contains(ForecastingOptions.EVERY_NUMERIC_COLUMN) && columns.size() > 1) {
                p.add(new SpecProblem("valueColumns", "\"" + ForecastingOptions.EVERY_NUMERIC_COLUMN
                        + "\" (every numeric column) must stand alone"));
            } else if (columns.stream().map(c -> c.toLowerCase(java.util.Locale.ROOT)).distinct().count() < columns.size()) {
                p.add(new SpecProblem("valueColumns", "names a column twice"));
            }
        }
        if (o.manySeries() && spec.dataset() != null && spec.dataset().startsWith(BuiltinDataset.PREFIX)) {
            p.add(new SpecProblem(o.seriesColumn() != null ? "seriesColumn" : "valueColumns",
                    "applies to an uploaded CSV; " + spec.dataset() + " is one generated series"));
        }
    }

    @Override
    public List<BuiltinDataset> builtins() {
        return List.of(
                new BuiltinDataset("builtin:seasonal",
                        "A trend, a lopsided season of 24 steps and noise: beat the seasonal naive forecast"),
                new BuiltinDataset("builtin:mackey-glass",
                        "The chaotic Mackey-Glass delay equation (tau 17): no season to copy, only dynamics to learn"),
                new BuiltinDataset(MONTHLY, "Twelve years of monthly values: growth, a season that grows with the "
                        + "level and sudden level shifts, as real business series have"));
    }

    /** The generated series of a built-in dataset. */
    public static Series builtinSeries(String dataset, int size, long seed) {
        return switch (dataset) {
            case SEASONAL -> SeasonalSeries.generate(size, SEASONAL_PERIOD, seed);
            case MACKEY_GLASS -> MackeyGlass.generate(size, seed);
            case MONTHLY -> MonthlySeries.generate(size, seed);
            default -> throw new IllegalArgumentException("'" + dataset + "' is not a built-in forecasting dataset: use "
                    + SEASONAL + ", " + MACKEY_GLASS + " or " + MONTHLY);
        };
    }

    /**
     * Fills the fields the data decides (see {@link ForecastingDefaults}) from the chosen series: a
     * built-in one is generated, an upload read with the options' columns. With {@code replace}
     * (a dataset was just chosen) those fields are proposed afresh; otherwise only empty ones are
     * filled and the given ones shape the rest. A series that cannot be read proposes nothing:
     * validation then says what is wrong with it.
     */
    @Override
    public Proposal propose(RunSpec raw, UploadedData.Lookup uploads, boolean replace) {
        var given = raw.options() instanceof ForecastingOptions f ? f
                : new ForecastingOptions(null, null, null, null, null, null, null);
        String dataset = or(raw.dataset(), defaultDataset());
        Integer size = given.builtinSize();
        if (size == null && dataset.equals(MONTHLY)) {
            size = MONTHLY_SIZE;
        }
        int length = dataset.startsWith(BuiltinDataset.PREFIX) ? or(size, DEFAULT_SIZE) : 0;
        // season detection reads only the series' head: a long built-in series is generated only that far
        int generate = ForecastingDefaults.detectionLength(length);
        Optional<List<Series>> series = series(dataset, length, generate, or(raw.seed(), 42L), given, uploads);
        if (series.isEmpty() || series.get().isEmpty()) {
            return Proposal.none(raw);
        }
        boolean builtin = dataset.startsWith(BuiltinDataset.PREFIX);
        int[] lengths = builtin ? new int[] {length} : series.get().stream().mapToInt(Series::length).toArray();
        int n = Arrays.stream(lengths).min().orElseThrow();
        List<double[]> heads = series.get().stream().map(Series::values).toList();
        var values = ForecastingDefaults.propose(lengths, () -> ForecastingDefaults.detectPeriod(heads, lengths),
                replace ? ForecastingDefaults.Given.NOTHING
                : new ForecastingDefaults.Given(given.period(), given.window(), given.horizon(), raw.batchSize(),
                        raw.hiddenSize(), raw.epochs(), raw.patience()));
        Integer backtests = given.backtests() != null ? given.backtests() : defaultBacktests(n);
        Integer ensemble = given.ensemble() != null ? given.ensemble() : DEFAULT_ENSEMBLE;
        var options = new ForecastingOptions(size, values.window(), values.horizon(), values.period(),
                given.valueColumn(), given.dateColumn(), given.missingValues(), backtests, given.seriesColumn(),
                given.valueColumns(), ensemble);
        var reasons = new java.util.LinkedHashMap<>(values.reasons());
        if (given.backtests() == null) {
            reasons.put("backtests", backtests + (backtests == 0 ? ": the series is long; its test tail already holds "
                    + "many forecasts" : ": a short series' test tail holds few forecasts; each cut-off trains once more"));
        }
        RunSpec spec = new RunSpec(raw.name(), raw.task(), raw.cell(), raw.clipping(), raw.dataset(), raw.seed(),
                values.epochs(), raw.layers(), values.hiddenSize(), raw.dropout(), raw.optimizer(), raw.learningRate(),
                raw.weightInit(), values.batchSize(), raw.updateGateBias(), values.patience(), raw.maxWallSeconds(),
                raw.faultInjection(), options);
        return new Proposal(spec, reasons);
    }

    /**
     * Backtest cut-offs by default: a short series gets {@value #BACKTESTS} (its test tail holds one
     * or two forecasts, too few to judge by), a long one none (its tail holds many, and each cut-off
     * costs another training).
     */
    static int defaultBacktests(Integer length) {
        return length != null && length <= SHORT_SERIES ? BACKTESTS : 0;
    }

    /**
     * @param size the built-in series' length, checked against the specification's range
     * @param generate how much of it to generate (what season detection reads)
     */
    private Optional<List<Series>> series(String dataset, int size, int generate, long seed, ForecastingOptions given,
            UploadedData.Lookup uploads) {
        try {
            if (dataset.startsWith(BuiltinDataset.PREFIX)) {
                if (builtins().stream().noneMatch(b -> b.id().equals(dataset))) {
                    return Optional.empty();
                }
                return size < 100 || size > 5_000_000 ? Optional.empty()
                        : Optional.of(List.of(builtinSeries(dataset, generate, seed)));
            }
            return uploads.find(dataset).map(u -> readAll((ForecastingOptions) completeOptions(given),
                    u.fileName(), u.content()));
        } catch (DatasetFormatException | IllegalArgumentException e) {
            return Optional.empty();
        }
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
        if (o.seriesColumn() != null) {
            parser = parser.withSeriesColumn(column(o.seriesColumn()));
        } else if (o.valueColumns() != null && !o.valueColumns().isEmpty()) {
            parser = o.valueColumns().equals(List.of(ForecastingOptions.EVERY_NUMERIC_COLUMN))
                    ? parser.withEveryNumericColumn()
                    : parser.withValueColumns(o.valueColumns().stream().map(ForecastingTask::column).toList());
        }
        return parser;
    }

    private static SeriesFileParser.Column column(String text) {
        return isIndex(text) ? SeriesFileParser.Column.at(Integer.parseInt(text) - 1) : SeriesFileParser.Column.named(text);
    }

    /** Every series an upload holds with these options (one unless a series column or value columns are named). */
    public static List<Series> readAll(ForecastingOptions o, String fileName, byte[] content) {
        return parser(o).parseAll(fileName, content);
    }

    private static boolean isIndex(String column) {
        return column.matches("[1-9][0-9]{0,5}");
    }

    /** Windows whose targets lie in the training part of a series of {@code length} values. */
    public static long trainingWindows(int length, ForecastingOptions o) {
        // the targets refer to the value a season earlier: the first origin needs that much history too
        return ChronologicalSplit.of(length, o.horizon()).trainEnd() - Math.max(o.window(), o.period()) - o.horizon() + 1L;
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

    /**
     * The training windows of every series together (one model learns from all); each series must
     * be long enough on its own, and a message names the one that is not.
     */
    @Override
    public long uploadTrainingExamples(RunSpec spec, String fileName, byte[] content) {
        ForecastingOptions o = spec.forecasting();
        List<Series> all = readAll(o, fileName, content);
        long windows = 0;
        for (Series series : all) {
            ChronologicalSplit.checked(seriesLabel(fileName, series, all.size()), series, o.window(), o.horizon());
            windows += trainingWindows(series.length(), o);
        }
        return windows;
    }

    /** How messages name a series: the file, and the series' name when the file holds several. */
    public static String seriesLabel(String fileName, Series series, int count) {
        return count == 1 ? fileName : fileName + " series \"" + series.name() + "\"";
    }

    @Override
    public String exampleUnit(RunSpec spec) {
        return "windows of " + spec.forecasting().window() + " + " + spec.forecasting().horizon() + " points";
    }

    @Override
    public MainMetric mainMetric() {
        var baselines = new java.util.LinkedHashMap<String, String>();
        baselines.put("seasonal_naive_mase", "the seasonal-naive forecast");
        baselines.put("naive_mase", "the naive forecast");
        baselines.put("holt_winters_mase", "Holt-Winters");
        return new MainMetric("mase", MainMetric.Direction.LOWER_IS_BETTER, baselines, "backtest_");
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
                Presets.of("Twelve years of monthly sales (LSTM)", "A short series with growth and level shifts: "
                        + "defaults from the data, Holt-Winters to beat, a backtest over four cut-offs.", """
                        {"task":"forecasting","cell":"lstm","dataset":"builtin:monthly"}"""),
                Presets.of("Mackey-Glass chaos (GRU)", "A chaotic series: good short-term forecasts, errors that "
                        + "grow with the horizon.", """
                        {"task":"forecasting","cell":"gru","dataset":"builtin:mackey-glass"}"""));
    }
}
