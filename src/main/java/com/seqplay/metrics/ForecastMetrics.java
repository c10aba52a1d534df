package com.seqplay.metrics;

/**
 * Point-forecast errors. Every method takes the actual values first and the forecast second,
 * both of the same non-zero length.
 */
public final class ForecastMetrics {

    private ForecastMetrics() {
    }

    /** Mean absolute error. */
    public static double mae(double[] actual, double[] forecast) {
        requireSameLength(actual, forecast);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            sum += Math.abs(forecast[i] - actual[i]);
        }
        return sum / actual.length;
    }

    /** Root mean squared error. */
    public static double rmse(double[] actual, double[] forecast) {
        requireSameLength(actual, forecast);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = forecast[i] - actual[i];
            sum += d * d;
        }
        return Math.sqrt(sum / actual.length);
    }

    /**
     * Symmetric mean absolute percentage error in percent, in [0, 200]:
     * {@code 200/n * sum |F-A| / (|A| + |F|)}. A term with A = F = 0 counts as 0 (a perfect
     * forecast of zero), which keeps the score defined for series that touch zero.
     */
    public static double smape(double[] actual, double[] forecast) {
        requireSameLength(actual, forecast);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
            if (denominator != 0) {
                sum += Math.abs(forecast[i] - actual[i]) / denominator;
            }
        }
        return 200.0 * sum / actual.length;
    }

    /**
     * Mean absolute scaled error (Hyndman and Koehler, 2006): the forecast's MAE divided by the
     * in-sample MAE of the seasonal naive forecast on the training data,
     * {@code mean_{t=m..T-1} |y_t - y_{t-m}|}. Below 1 the model beats that naive forecast.
     *
     * @param training the series the model was fitted on (the scale comes from here, not from the test part)
     * @param period   seasonal period m (1 for the plain naive forecast)
     * @return the MASE; {@code NaN} when the training series is exactly periodic with period m
     *         (in-sample naive error 0), where the ratio has no meaning
     */
    public static double mase(double[] actual, double[] forecast, double[] training, int period) {
        requireSameLength(actual, forecast);
        double scale = naiveInSampleMae(training, period);
        return scale == 0 ? Double.NaN : mae(actual, forecast) / scale;
    }

    /** {@link #mase(double[], double[], double[], int)} with m = 1. */
    public static double mase(double[] actual, double[] forecast, double[] training) {
        return mase(actual, forecast, training, 1);
    }

    /** Mean |y_t - y_{t-m}| over the training data: the denominator of MASE. */
    public static double naiveInSampleMae(double[] training, int period) {
        if (period < 1) {
            throw new IllegalArgumentException("the seasonal period must be at least 1, got " + period);
        }
        if (training.length <= period) {
            throw new IllegalArgumentException("MASE needs more than " + period
                    + " training values for period " + period + ", got " + training.length);
        }
        double sum = 0;
        for (int t = period; t < training.length; t++) {
            sum += Math.abs(training[t] - training[t - period]);
        }
        return sum / (training.length - period);
    }

    private static void requireSameLength(double[] actual, double[] forecast) {
        if (actual.length != forecast.length) {
            throw new IllegalArgumentException("actual and forecast differ in length: "
                    + actual.length + " and " + forecast.length);
        }
        if (actual.length == 0) {
            throw new IllegalArgumentException("an error over no values is undefined");
        }
    }
}
