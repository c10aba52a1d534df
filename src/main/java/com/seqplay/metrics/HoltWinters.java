package com.seqplay.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Holt-Winters exponential smoothing, the classical forecast a neural network on a short seasonal
 * series has to beat. The state is a level {@code l}, a slope {@code b} and one seasonal term per
 * position of the season; with damping {@code phi} each step ahead adds {@code phi^k b}:
 *
 * <pre>
 * forecast  f_t = (l + phi b) (+ or *) s_{t-m}
 * level     l_t = alpha * deseasonalised(y_t) + (1 - alpha) (l_{t-1} + phi b_{t-1})
 * slope     b_t = beta (l_t - l_{t-1}) + (1 - beta) phi b_{t-1}
 * season    s_t = gamma * (y_t (- or /) (l_{t-1} + phi b_{t-1})) + (1 - gamma) s_{t-m}
 * </pre>
 *
 * <p>Initial states come from the first two seasons: the slope is the difference of their means
 * divided by {@code m}, the level the point of that line at the end of the first season, and each
 * seasonal term the average over both seasons of the value minus (or divided by) the line; a
 * series without season starts at its first value and first difference. The smoothing parameters minimise the sum of
 * squared one-step-ahead errors after the first season ({@link NelderMead} on a transformed scale
 * that keeps {@code 0 < alpha < 1}, {@code 0 < beta < alpha}, {@code 0 < gamma < 1 - alpha},
 * {@code 0.8 <= phi <= 0.98}). Among the variants that the data allow, the one with the smallest
 * AICc wins.
 */
public final class HoltWinters {
    /** Fits use at most this many of the latest values: older ones barely move the states. */
    static final int MAX_FIT_LENGTH = 2_000;
    private static final double MIN_PHI = 0.8;
    private static final double MAX_PHI = 0.98;

    public enum Trend {
        NONE, LINEAR, DAMPED
    }

    public enum Seasonality {
        NONE, ADDITIVE, MULTIPLICATIVE
    }

    /** One model form: how the trend continues and how the season combines with the level. */
    public record Variant(Trend trend, Seasonality seasonality) {
        /** "multiplicative season, damped trend". */
        public String label() {
            String season = switch (seasonality) {
                case NONE -> "no season";
                case ADDITIVE -> "additive season";
                case MULTIPLICATIVE -> "multiplicative season";
            };
            String t = switch (trend) {
                case NONE -> "no trend";
                case LINEAR -> "linear trend";
                case DAMPED -> "damped trend";
            };
            return season + ", " + t;
        }

        int smoothingParameters() {
            return 1 + (trend == Trend.NONE ? 0 : 1) + (seasonality == Seasonality.NONE ? 0 : 1)
                    + (trend == Trend.DAMPED ? 1 : 0);
        }
    }

    /** Smoothing parameters; those a variant does not use are ignored ({@code phi} is 1 undamped). */
    public record Smoothing(double alpha, double beta, double gamma, double phi) {}

    /**
     * A fitted model and its state at the end of the values it was fitted on.
     *
     * @param sse sum of squared one-step-ahead errors
     * @param errors how many one-step errors {@code sse} sums
     * @param aicc corrected Akaike criterion of the fit (lower is better)
     */
    public record Model(Variant variant, int period, Smoothing smoothing, double sse, int errors, double aicc) {
        /**
         * Runs this model's recursion with its fitted parameters over {@code history} (from the
         * classical initial states) and forecasts the next {@code horizon} values.
         */
        public double[] forecast(double[] history, int horizon) {
            double[] recent = recent(history);
            State s = filter(recent, period, variant, smoothing);
            if (s == null) {
                // the parameters do not fit this stretch (a multiplicative level went negative)
                return Baselines.naive(history, horizon);
            }
            return s.forecast(horizon);
        }

        public String describe() {
            return String.format(Locale.ROOT, "Holt-Winters (%s; alpha %.3f%s%s%s)", variant.label(), smoothing.alpha,
                    variant.trend == Trend.NONE ? "" : String.format(Locale.ROOT, ", beta %.3f", smoothing.beta),
                    variant.seasonality == Seasonality.NONE ? "" : String.format(Locale.ROOT, ", gamma %.3f",
                            smoothing.gamma),
                    variant.trend == Trend.DAMPED ? String.format(Locale.ROOT, ", phi %.3f", smoothing.phi) : "");
        }
    }

    /** The state after the last value, and the errors on the way. */
    record State(double level, double slope, double phi, double[] season, int position, boolean multiplicative,
            double sse, int errors, double[] oneStep) {
        double[] forecast(int horizon) {
            double[] f = new double[horizon];
            double damped = 0;
            double power = 1;
            int m = season.length;
            for (int h = 1; h <= horizon; h++) {
                power *= phi;
                damped += power;
                double base = level + damped * slope;
                double s = m == 0 ? (multiplicative ? 1 : 0) : season[(position + h - 1) % m];
                f[h - 1] = multiplicative ? base * s : base + s;
            }
            return f;
        }
    }

    private HoltWinters() {}

    /**
     * Fits every variant the values allow and returns the one with the smallest AICc. A season
     * needs {@code period >= 2} and at least two full seasons plus a few values; multiplicative
     * seasonality needs positive values. Empty when not even the level-only model fits (fewer
     * than four values).
     */
    public static Optional<Model> best(double[] values, int period) {
        return candidates(values, period).stream().map(v -> fit(values, period, v)).flatMap(Optional::stream)
                .filter(m -> Double.isFinite(m.aicc()))
                .min(Comparator.comparingDouble(Model::aicc));
    }

    /** The forecast of the best model fitted on {@code history}; the naive forecast when none fits. */
    public static double[] forecast(double[] history, int period, int horizon) {
        return best(history, period).map(m -> m.forecast(history, horizon))
                .orElseGet(() -> Baselines.naive(history, horizon));
    }

    /** The variants worth fitting on these values. */
    static List<Variant> candidates(double[] values, int period) {
        double[] y = recent(values);
        boolean positive = Arrays.stream(y).allMatch(v -> v > 0);
        List<Variant> variants = new ArrayList<>();
        List<Seasonality> seasons = new ArrayList<>();
        if (period >= 2 && y.length >= 2 * period + 4) {
            seasons.add(Seasonality.ADDITIVE);
            if (positive) {
                seasons.add(Seasonality.MULTIPLICATIVE);
            }
        } else {
            seasons.add(Seasonality.NONE);
        }
        for (Seasonality s : seasons) {
            for (Trend t : Trend.values()) {
                variants.add(new Variant(t, s));
            }
        }
        return variants;
    }

    /** This variant with its parameters fitted; empty when the values are too few for it. */
    public static Optional<Model> fit(double[] values, int period, Variant variant) {
        double[] y = recent(values);
        int m = variant.seasonality() == Seasonality.NONE ? 0 : period;
        int start = m == 0 ? 1 : m;
        int errors = y.length - start;
        int k = variant.smoothingParameters() + 1 + (variant.trend() == Trend.NONE ? 0 : 1) + Math.max(0, m - 1);
        if (errors - k - 1 <= 0 || (m > 0 && y.length < 2 * m)) {
            return Optional.empty();
        }
        double[] best = null;
        double bestSse = Double.POSITIVE_INFINITY;
        // a coarse grid finds the basin, the simplex refines it
        for (double a : new double[] {-2, 0, 2}) {
            for (double b : new double[] {-3, -1}) {
                for (double g : new double[] {-3, -1}) {
                    double[] x = {a, b, g, 1};
                    double sse = sse(y, m, variant, smoothing(x, variant));
                    if (sse < bestSse) {
                        bestSse = sse;
                        best = x;
                    }
                }
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        double[] x = NelderMead.minimise(p -> sse(y, m, variant, smoothing(p, variant)), best, 1.0, 800);
        Smoothing s = smoothing(x, variant);
        double sse = sse(y, m, variant, s);
        if (!Double.isFinite(sse)) {
            return Optional.empty();
        }
        double variance = Math.max(sse / errors, 1e-300);
        double aic = errors * Math.log(variance) + 2.0 * k;
        double aicc = aic + 2.0 * k * (k + 1) / (errors - k - 1);
        return Optional.of(new Model(variant, period, s, sse, errors, aicc));
    }

    /** The transformed point in parameters: logistic maps keep every constraint. */
    static Smoothing smoothing(double[] x, Variant v) {
        double alpha = logistic(x[0]);
        double beta = v.trend() == Trend.NONE ? 0 : alpha * logistic(x[1]);
        double gamma = v.seasonality() == Seasonality.NONE ? 0 : (1 - alpha) * logistic(x[2]);
        double phi = switch (v.trend()) {
            case NONE -> 0;
            case LINEAR -> 1;
            case DAMPED -> MIN_PHI + (MAX_PHI - MIN_PHI) * logistic(x[3]);
        };
        return new Smoothing(alpha, beta, gamma, phi);
    }

    private static double logistic(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    private static double sse(double[] y, int m, Variant v, Smoothing s) {
        State state = filter(y, m, v, s);
        return state == null ? Double.POSITIVE_INFINITY : state.sse();
    }

    /**
     * Runs the recursion over {@code y} with fixed parameters from the classical initial states.
     *
     * @param period the season length (ignored without seasonality)
     * @return the final state, or null where a multiplicative model's level or season stops being
     *     positive (the model does not describe these values)
     */
    static State filter(double[] y, int period, Variant v, Smoothing s) {
        boolean seasonal = v.seasonality() != Seasonality.NONE;
        boolean multiplicative = v.seasonality() == Seasonality.MULTIPLICATIVE;
        int m = seasonal ? period : 0;
        double phi = v.trend() == Trend.NONE ? 0 : s.phi();
        double level;
        double slope;
        double[] season = new double[m];
        int start;
        if (seasonal) {
            if (y.length < 2 * m) {
                return null;
            }
            // a straight line through the means of the first two seasons; the season is what the
            // values add to (or multiply) that line, averaged over both seasons, so that the trend
            // within a season does not leak into the seasonal terms
            double first = mean(y, 0, m);
            double line = (mean(y, m, 2 * m) - first) / m;
            double centre = (m - 1) / 2.0;
            for (int i = 0; i < m; i++) {
                double a = first + (i - centre) * line;
                double b = first + (i + m - centre) * line;
                season[i] = multiplicative ? (y[i] / a + y[i + m] / b) / 2 : (y[i] - a + y[i + m] - b) / 2;
                if (multiplicative && (a <= 0 || b <= 0)) {
                    return null;
                }
            }
            level = first + centre * line;
            slope = v.trend() == Trend.NONE ? 0 : line;
            start = m;
        } else {
            if (y.length < 2) {
                return null;
            }
            level = y[0];
            slope = v.trend() == Trend.NONE ? 0 : y[1] - y[0];
            start = 1;
        }
        double sse = 0;
        double[] oneStep = new double[y.length - start];
        for (int t = start; t < y.length; t++) {
            double base = level + phi * slope;
            double old = seasonal ? season[t % m] : (multiplicative ? 1 : 0);
            if (multiplicative && (base <= 0 || old <= 0)) {
                return null;
            }
            double forecast = multiplicative ? base * old : base + old;
            double error = y[t] - forecast;
            sse += error * error;
            oneStep[t - start] = forecast;
            double previousLevel = level;
            double deseasonalised = multiplicative ? y[t] / old : y[t] - old;
            level = s.alpha() * deseasonalised + (1 - s.alpha()) * base;
            slope = v.trend() == Trend.NONE ? 0 : s.beta() * (level - previousLevel) + (1 - s.beta()) * phi * slope;
            if (seasonal) {
                double detrended = multiplicative ? y[t] / base : y[t] - base;
                season[t % m] = s.gamma() * detrended + (1 - s.gamma()) * old;
            }
        }
        if (!Double.isFinite(sse)) {
            return null;
        }
        return new State(level, slope, v.trend() == Trend.NONE ? 1 : phi, season, m == 0 ? 0 : y.length % m,
                multiplicative, sse, y.length - start, oneStep);
    }

    /** The latest values only, keeping whole seasons aligned is not needed: states restart from them. */
    static double[] recent(double[] values) {
        return values.length <= MAX_FIT_LENGTH ? values
                : Arrays.copyOfRange(values, values.length - MAX_FIT_LENGTH, values.length);
    }

    private static double mean(double[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += y[i];
        }
        return sum / (to - from);
    }
}
