package com.seqplay.metrics;

import java.util.List;

/**
 * The simple forecasts and translations a trained model has to beat; a run reports its scores
 * next to theirs so that "MAE 0.8" means something.
 */
public final class Baselines {

    /**
     * Smallest autocorrelation a lag must reach to count as a season. White noise of length n
     * has sample autocorrelations of about +-2/sqrt(n), so 0.3 is clear of noise from a few
     * dozen points on.
     */
    static final double SEASONALITY_THRESHOLD = 0.3;

    private Baselines() {
    }

    /** Repeats the last observed value over the horizon. */
    public static double[] naive(double[] history, int horizon) {
        requireHistory(history, 1, horizon);
        double[] forecast = new double[horizon];
        java.util.Arrays.fill(forecast, history[history.length - 1]);
        return forecast;
    }

    /**
     * Each step takes the value one period earlier: step h (0-based) of the forecast is
     * {@code history[n - m + (h mod m)]}, so a horizon longer than a period repeats the last season.
     */
    public static double[] seasonalNaive(double[] history, int period, int horizon) {
        if (period < 1) {
            throw new IllegalArgumentException("the seasonal period must be at least 1, got " + period);
        }
        requireHistory(history, period, horizon);
        double[] forecast = new double[horizon];
        int start = history.length - period;
        for (int h = 0; h < horizon; h++) {
            forecast[h] = history[start + h % period];
        }
        return forecast;
    }

    /** The copy baseline for translation: the prediction is the source itself. */
    public static List<String> copySource(List<String> sources) {
        return List.copyOf(sources);
    }

    /**
     * Guesses the seasonal period from the autocorrelation function.
     *
     * <p>A least-squares line is removed first, because a trend makes every autocorrelation
     * large and would hide the season. Among the lags 2..min(maxPeriod, n/2) (at least two full
     * cycles must fit) the candidates are local peaks of the autocorrelation that reach
     * {@value #SEASONALITY_THRESHOLD}; the highest one wins. The usual (biased, divide by n)
     * estimator shrinks longer lags, so multiples of the true period lose to the period itself.
     *
     * @return the period, or 1 when no lag shows clear seasonality
     */
    public static int detectPeriod(double[] series, int maxPeriod) {
        int maxLag = Math.min(maxPeriod, series.length / 2);
        if (maxLag < 2) {
            return 1;
        }
        double[] residual = detrend(series);
        double variance = 0;
        for (double v : residual) {
            variance += v * v;
        }
        if (variance < 1e-12 * series.length) {
            return 1; // a straight line (or a constant) has no season
        }
        double[] acf = new double[maxLag + 2];
        for (int lag = 0; lag < acf.length && lag < series.length; lag++) {
            double sum = 0;
            for (int t = lag; t < residual.length; t++) {
                sum += residual[t] * residual[t - lag];
            }
            acf[lag] = sum / variance;
        }
        int best = 1;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = 2; lag <= maxLag; lag++) {
            boolean peak = acf[lag] > acf[lag - 1] && acf[lag] >= acf[lag + 1];
            // strictly higher wins, so on a tie the shorter lag (the fundamental) stays
            if (peak && acf[lag] >= SEASONALITY_THRESHOLD && acf[lag] > bestValue) {
                best = lag;
                bestValue = acf[lag];
            }
        }
        return best;
    }

    /** The series minus its least-squares straight line. */
    static double[] detrend(double[] series) {
        int n = series.length;
        double meanT = (n - 1) / 2.0;
        double meanY = 0;
        for (double v : series) {
            meanY += v;
        }
        meanY /= n;
        double covariance = 0;
        double varianceT = 0;
        for (int t = 0; t < n; t++) {
            covariance += (t - meanT) * (series[t] - meanY);
            varianceT += (t - meanT) * (t - meanT);
        }
        double slope = varianceT == 0 ? 0 : covariance / varianceT;
        double[] residual = new double[n];
        for (int t = 0; t < n; t++) {
            residual[t] = series[t] - (meanY + slope * (t - meanT));
        }
        return residual;
    }

    private static void requireHistory(double[] history, int needed, int horizon) {
        if (horizon < 1) {
            throw new IllegalArgumentException("the horizon must be at least 1, got " + horizon);
        }
        if (history.length < needed) {
            throw new IllegalArgumentException("the baseline needs at least " + needed
                    + " past values, got " + history.length);
        }
    }
}
