package com.seqplay.engine.forecasting;

import com.seqplay.dataset.ChronologicalSplit;
import com.seqplay.metrics.Baselines;
import com.seqplay.metrics.ForecastMetrics;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forecasts over the test tail, from non-overlapping origins one horizon apart
 * ({@code validationEnd, validationEnd + horizon, ...}), concatenated: element {@code i} of every
 * array belongs to the same point of the series. Each forecast reads only values before its
 * origin, the model, the naive and the seasonal naive forecast alike, so all three are scored on
 * exactly the same points. A last stretch shorter than a horizon is left out.
 *
 * @param origins index of the first forecast point of each window
 */
public record TailForecasts(int[] origins, int horizon, double[] actual, double[] forecast, double[] naive,
        double[] seasonalNaive) {

    /** The origins of the test windows of this split. */
    public static int[] origins(ChronologicalSplit split, int horizon) {
        int count = split.testLength() / horizon;
        int[] origins = new int[count];
        for (int i = 0; i < count; i++) {
            origins[i] = split.validationEnd() + i * horizon;
        }
        return origins;
    }

    static TailForecasts of(double[] series, ChronologicalSplit split, Forecaster forecaster) {
        ForecastSetup setup = forecaster.setup();
        int h = setup.horizon();
        int[] origins = origins(split, h);
        double[][] model = forecaster.forecastAt(series, origins);
        int n = origins.length * h;
        double[] actual = new double[n];
        double[] forecast = new double[n];
        double[] naive = new double[n];
        double[] seasonal = new double[n];
        for (int i = 0; i < origins.length; i++) {
            int o = origins[i];
            double[] history = Arrays.copyOfRange(series, 0, o);
            System.arraycopy(series, o, actual, i * h, h);
            System.arraycopy(model[i], 0, forecast, i * h, h);
            System.arraycopy(Baselines.naive(history, h), 0, naive, i * h, h);
            System.arraycopy(Baselines.seasonalNaive(history, setup.period(), h), 0, seasonal, i * h, h);
        }
        return new TailForecasts(origins, h, actual, forecast, naive, seasonal);
    }

    /** The model's errors: {@code mae}, {@code rmse}, {@code smape}, {@code mase}. */
    public Map<String, Double> modelScores(double[] training, int period) {
        return scores("", forecast, training, period);
    }

    /** The same errors of the naive and seasonal naive forecasts, prefixed {@code naive_}, {@code seasonal_naive_}. */
    public Map<String, Double> baselineScores(double[] training, int period) {
        Map<String, Double> all = new LinkedHashMap<>(scores("naive_", naive, training, period));
        all.putAll(scores("seasonal_naive_", seasonalNaive, training, period));
        return all;
    }

    /**
     * MASE is scaled by the in-sample seasonal naive MAE of the training part (with the same
     * period for all three forecasts), so the three MASE values share one denominator.
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
        return Arrays.copyOfRange(values, 0, horizon);
    }
}
