package com.seqplay.dataset.builtin;

import com.seqplay.dataset.Series;
import java.util.Random;

/**
 * Short monthly series of the kinds people bring: a yearly season of 12, a trend, noise, and in
 * some kinds sudden level shifts (a new store, a lost customer). {@link Shape#MONTHLY} is the
 * built-in dataset {@code builtin:monthly}; the other shapes imitate well-known public series
 * (airline passengers, retail sales, monthly temperatures) without using their data.
 *
 * <pre>
 * multiplicative: y_t = L_t * (1 + g)^t * (1 + a * season(t mod 12)) * (1 + noise * e_t)
 * additive:       y_t = L_t + g * t + a * season(t mod 12) + noise * u_t,  u_t = 0.5 u_{t-1} + e_t
 * </pre>
 *
 * where {@code L_t} starts at {@code level} and at each month moves by a factor of
 * {@code 1 +- shiftSize} with probability {@code shiftChance}, {@code e_t} is standard Gaussian
 * noise, and {@code season} is a lopsided yearly profile (a summer peak and a December spike) with
 * values in about [-1, 1].
 */
public final class MonthlySeries {
    public static final int PERIOD = 12;

    /**
     * @param multiplicative whether the season and noise scale with the level
     * @param growth relative growth per month (multiplicative) or absolute slope (additive)
     * @param amplitude seasonal amplitude: a share of the level, or units for an additive series
     * @param noise relative noise (multiplicative) or the innovation's standard deviation (additive)
     * @param shiftChance probability of a level shift in any month
     * @param shiftSize relative size of a level shift
     */
    public record Shape(String name, boolean multiplicative, double level, double growth, double amplitude,
            double noise, double shiftChance, double shiftSize) {
        /** {@code builtin:monthly}: growth, a season that grows with the level, level shifts. */
        public static final Shape MONTHLY = new Shape("monthly", true, 100, 0.008, 0.25, 0.03, 1 / 36.0, 0.12);
        /** Like airline passengers: steady growth of about 1% a month, a season proportional to the level. */
        public static final Shape AIRLINE = new Shape("airline-like", true, 112, 0.0095, 0.22, 0.02, 0, 0);
        /** Like retail sales: slow growth, a December spike, a few level shifts. */
        public static final Shape RETAIL = new Shape("retail-like", true, 250, 0.004, 0.18, 0.025, 1 / 30.0, 0.10);
        /** Like monthly temperatures: no growth to speak of, an additive season, autocorrelated noise. */
        public static final Shape TEMPERATURE = new Shape("temperature-like", false, 12, 0.002, 9, 1.2, 0, 0);
    }

    private MonthlySeries() {}

    /** {@code n} months of {@code builtin:monthly}, the same for the same seed. */
    public static Series generate(int n, long seed) {
        return generate(n, Shape.MONTHLY, seed);
    }

    /** {@code n} months of this shape, the same for the same seed. */
    public static Series generate(int n, Shape shape, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("the series needs at least one point, got " + n);
        }
        Random random = new Random(seed);
        double[] values = new double[n];
        double level = shape.level();
        double ar = 0;
        for (int t = 0; t < n; t++) {
            if (t > 0 && random.nextDouble() < shape.shiftChance()) {
                level *= random.nextBoolean() ? 1 + shape.shiftSize() : 1 - shape.shiftSize();
            }
            double season = season(t % PERIOD);
            if (shape.multiplicative()) {
                values[t] = level * Math.pow(1 + shape.growth(), t) * (1 + shape.amplitude() * season)
                        * (1 + shape.noise() * random.nextGaussian());
            } else {
                ar = 0.5 * ar + random.nextGaussian();
                values[t] = level + shape.growth() * t + shape.amplitude() * season + shape.noise() * ar;
            }
        }
        return new Series(shape.name(), values);
    }

    /** A lopsided yearly profile: low in winter, a broad summer peak, a spike in December (month 11). */
    static double season(int month) {
        double phase = 2 * Math.PI * month / PERIOD;
        double summer = -Math.cos(phase) + 0.3 * Math.sin(2 * phase);
        return 0.8 * summer + (month == 11 ? 0.6 : 0);
    }
}
