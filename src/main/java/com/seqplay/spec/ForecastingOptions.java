package com.seqplay.spec;

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
 */
public record ForecastingOptions(
        Integer builtinSize, Integer window, Integer horizon, Integer period, String valueColumn, String dateColumn,
        MissingValues missingValues, Integer backtests) implements TaskOptions {

    /** Options without a backtest count (the task's default applies). */
    public ForecastingOptions(Integer builtinSize, Integer window, Integer horizon, Integer period, String valueColumn,
            String dateColumn, MissingValues missingValues) {
        this(builtinSize, window, horizon, period, valueColumn, dateColumn, missingValues, null);
    }
}
