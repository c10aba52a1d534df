package com.seqplay.spec;

import java.util.List;

/**
 * Time-series forecasting: a window of past values in, the next {@code horizon} values out.
 *
 * @param builtinSize points of a generated built-in series
 * @param window look-back window in points
 * @param horizon points predicted at once
 * @param period season length for the seasonal-naive baseline; 0 means detect it
 * @param valueColumn uploaded CSV: the column to forecast (name or 1-based index); null is the
 *     only numeric column
 * @param dateColumn uploaded CSV: an optional date column (name or 1-based index)
 * @param missingValues uploaded CSV: refuse the file or interpolate gaps
 * @param backtests rolling-origin backtest: cut-offs at which the model is trained afresh and
 *     scored (the last {@code backtests} horizons of the series); 0 is off
 * @param seriesColumn uploaded CSV in long format: the column naming each row's series (name or
 *     1-based index); one model learns from every series
 * @param valueColumns uploaded CSV in wide format: the columns that are each a series (names or
 *     1-based indices), or {@value #EVERY_NUMERIC_COLUMN} for every numeric column but the date
 * @param ensemble how many networks, each with its own seed, are trained and their forecasts averaged
 */
public record ForecastingOptions(
        Integer builtinSize, Integer window, Integer horizon, Integer period, String valueColumn, String dateColumn,
        MissingValues missingValues, Integer backtests, String seriesColumn, List<String> valueColumns,
        Integer ensemble) implements TaskOptions {
    /** The {@code valueColumns} entry that stands for every numeric column. */
    public static final String EVERY_NUMERIC_COLUMN = "*";

    public ForecastingOptions {
        valueColumns = valueColumns == null ? null : List.copyOf(valueColumns);
    }

    /** Options without a backtest count (the task's default applies). */
    public ForecastingOptions(Integer builtinSize, Integer window, Integer horizon, Integer period, String valueColumn,
            String dateColumn, MissingValues missingValues) {
        this(builtinSize, window, horizon, period, valueColumn, dateColumn, missingValues, null);
    }

    /** Options of one series without an ensemble size (the task's defaults apply). */
    public ForecastingOptions(Integer builtinSize, Integer window, Integer horizon, Integer period, String valueColumn,
            String dateColumn, MissingValues missingValues, Integer backtests) {
        this(builtinSize, window, horizon, period, valueColumn, dateColumn, missingValues, backtests, null, null, null);
    }

    /** Whether the options ask for several series from one upload (long or wide format). */
    public boolean manySeries() {
        return seriesColumn != null || (valueColumns != null && !valueColumns.isEmpty());
    }
}
