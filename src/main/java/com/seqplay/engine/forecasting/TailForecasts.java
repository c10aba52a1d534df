package com.seqplay.engine.forecasting;

import com.seqplay.dataset.ChronologicalSplit;
import com.seqplay.metrics.Baselines;
import com.seqplay.metrics.ForecastMetrics;
import com.seqplay.metrics.HoltWinters;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forecasts from a set of origins (on the test tail: non-overlapping, one horizon apart from
 * {@code validationEnd}), concatenated: element {@code i} of every array belongs to the same point
 * of the series. Each forecast reads only values before its origin, the model's and every
 * baseline's alike (naive, seasonal naive, and Holt-Winters with parameters fitted on the values
 * before the first origin), so all are scored on exactly the same points. A last stretch shorter
 * than a horizon is left out.
 *
 * @param origins index of the first forecast point of each window
 * @param lower the model's prediction interval, or null when it has none (as {@code upper})
 */
public record TailForecasts(int[] origins, int horizon, double[] actual, double[] forecast, double[] naive,
        double[] seasonalNaive, double[] holtWinters, double[] lower, double[] upper) {

    /** The origins of the test windows of this split. */
    public static int[] origins(ChronologicalSplit split, int horizon) {
        int count = split.testLength() / horizon;
        int[] origins = new int[count];
        for (int i = 0; i < count; i++) {
            origins[i] = split.validationEnd() + i * horizon;
        }
        return origins;
    }

    static TailForecasts of(double[] series, ChronologicalSplit split, Forecaster forecaster, HoltWinters.Model hw) {
        return at(series, origins(split, forecaster.setup().horizon()), forecaster, hw);
    }

    /**
     * Forecasts from each origin.
     *
     * @param hw the fitted Holt-Winters model (null: there were too few values for one; the
     *     seasonal naive forecast stands in)
     */
    static TailForecasts at(double[] series, int[] origins, Forecaster forecaster, HoltWinters.Model hw) {
        ForecastSetup setup = forecaster.setup();
        int h = setup.horizon();
        double[][] model = forecaster.forecastAt(series, origins);
        double[][][] intervals = forecaster.intervalsAt(series, origins, model);
        int n = origins.length * h;
        double[] actual = new double[n];
        double[] forecast = new double[n];
        double[] naive = new double[n];
        double[] seasonal = new double[n];
        double[] holtWinters = new double[n];
        double[] lower = intervals == null ? null : new double[n];
        double[] upper = intervals == null ? null : new double[n];
        for (int i = 0; i < origins.length; i++) {
            int o = origins[i];
            double[] history = Arrays.copyOfRange(series, 0, o);
            System.arraycopy(series, o, actual, i * h, h);
            System.arraycopy(model[i], 0, forecast, i * h, h);
            System.arraycopy(Baselines.naive(history, h), 0, naive, i * h, h);
            double[] seasonalNaive = Baselines.seasonalNaive(history, setup.period(), h);
            System.arraycopy(seasonalNaive, 0, seasonal, i * h, h);
            System.arraycopy(hw == null ? seasonalNaive : hw.forecast(history, h), 0, holtWinters, i * h, h);
            if (intervals != null) {
                System.arraycopy(intervals[0][i], 0, lower, i * h, h);
                System.arraycopy(intervals[1][i], 0, upper, i * h, h);
            }
        }
        return new TailForecasts(origins, h, actual, forecast, naive, seasonal, holtWinters, lower, upper);
    }

    /** Holt-Winters fitted on the values before {@code end}, or null when they are too few. */
    static HoltWinters.Model holtWinters(double[] series, int end, int period) {
        return HoltWinters.best(Arrays.copyOf(series, end), period).orElse(null);
    }

    /**
     * The model's errors: {@code mae}, {@code rmse}, {@code smape}, {@code mase}, and with
     * intervals {@code coverage}, the share of actual values inside them.
     */
    public Map<String, Double> modelScores(double[] training, int period) {
        Map<String, Double> m = scores("", forecast, training, period);
        if (lower != null) {
            m.put("coverage", coverage());
        }
        return m;
    }

    /** Share of the actual values inside the prediction intervals (NaN without intervals). */
    public double coverage() {
        if (lower == null) {
            return Double.NaN;
        }
        int inside = 0;
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] >= lower[i] && actual[i] <= upper[i]) {
                inside++;
            }
        }
        return (double) inside / actual.length;
    }

    /**
     * The same errors of the baselines, prefixed {@code naive_}, {@code seasonal_naive_} and
     * {@code holt_winters_}.
     */
    public Map<String, Double> baselineScores(double[] training, int period) {
        Map<String, Double> all = new LinkedHashMap<>(scores("naive_", naive, training, period));
        all.putAll(scores("seasonal_naive_", seasonalNaive, training, period));
        all.putAll(scores("holt_winters_", holtWinters, training, period));
        return all;
    }

    /**
     * MASE is scaled by the in-sample seasonal naive MAE of the training part (with the same
     * period for all forecasts), so every MASE shares one denominator.
     */
    private Map<String, Double> scores(String prefix, double[] predicted, double[] training, int period) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "mae", ForecastMetrics.mae(actual, predicted));
        m.put(prefix + "rmse", ForecastMetrics.rmse(actual, predicted));
        m.put(prefix + "smape", ForecastMetrics.smape(actual, predicted));
        m.put(prefix + "mase", ForecastMetrics.mase(actual, predicted, training, period));
        return m;
    }

    /** The first window only: {@code horizon} values from element {@code from}. */
    double[] first(double[] values) {
        return values == null ? null : Arrays.copyOfRange(values, 0, horizon);
    }
}
