package com.seqplay.dataset.builtin;

import com.seqplay.dataset.Series;
import java.util.Random;

/**
 * The built-in forecasting data set {@code builtin:seasonal}: a linear trend, a season and
 * Gaussian noise, {@code y_t = level + slope*t + amplitude*(sin(2 pi t/p) + 0.3 sin(4 pi t/p)) + noise}.
 * The second harmonic makes the season lopsided, as real seasons are, so that a model has to
 * learn its shape and not just a sine; its smaller weight keeps p the dominant period.
 */
public final class SeasonalSeries {

    /**
     * The shape of the series.
     *
     * @param level     value at t = 0, before the season and noise
     * @param slope     trend per step
     * @param amplitude weight of the season
     * @param noiseStd  standard deviation of the Gaussian noise
     */
    public record Parameters(double level, double slope, double amplitude, double noiseStd) {
        /** Level 10, slope 0.02 per step, amplitude 3, noise 0.5: a clear season a model can beat naive on. */
        public static final Parameters DEFAULT = new Parameters(10.0, 0.02, 3.0, 0.5);

        public Parameters {
            if (!(noiseStd >= 0) || !Double.isFinite(noiseStd)) {
                throw new IllegalArgumentException("the noise standard deviation must be finite and >= 0, got " + noiseStd);
            }
        }
    }

    private SeasonalSeries() {
    }

    /** {@code n} points with period {@code period} and the default shape. */
    public static Series generate(int n, int period, long seed) {
        return generate(n, period, Parameters.DEFAULT, seed);
    }

    /** {@code n} points, the same for the same seed. */
    public static Series generate(int n, int period, Parameters parameters, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("the series needs at least one point, got " + n);
        }
        if (period < 2) {
            throw new IllegalArgumentException("a season needs a period of at least 2, got " + period);
        }
        // java.util.Random for its Gaussian, whose sequence is specified and therefore stable across JDKs.
        Random random = new Random(seed);
        double[] values = new double[n];
        for (int t = 0; t < n; t++) {
            double phase = 2 * Math.PI * t / period;
            double season = Math.sin(phase) + 0.3 * Math.sin(2 * phase);
            values[t] = parameters.level() + parameters.slope() * t + parameters.amplitude() * season
                    + parameters.noiseStd() * random.nextGaussian();
        }
        return new Series("seasonal", values);
    }
}
