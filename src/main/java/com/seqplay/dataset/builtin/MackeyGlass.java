package com.seqplay.dataset.builtin;

import com.seqplay.dataset.Series;
import java.util.SplittableRandom;

/**
 * The Mackey-Glass series, a classic chaotic benchmark for recurrent networks (Mackey and Glass,
 * 1977): {@code dx/dt = BETA x(t-TAU) / (1 + x(t-TAU)^EXPONENT) - GAMMA x(t)}.
 *
 * <p>Standard parameters: beta 0.2, gamma 0.1, exponent 10, tau 17 (chaotic for tau above about
 * 16.8). Integrated with fourth-order Runge-Kutta at step {@value #STEP}; the delayed value at a
 * half step is the linear interpolation of the two stored neighbours, since tau is a whole
 * number of steps. The history before t = 0 is constant at 1.2, shifted by a seed-dependent
 * amount in [-0.1, 0.1] so that seeds give different (but equally chaotic) trajectories. The
 * first {@value #WASHOUT} time units are dropped, so the series starts on the attractor rather
 * than in the transient from the flat history.
 */
public final class MackeyGlass {

    public static final double BETA = 0.2;
    public static final double GAMMA = 0.1;
    public static final double EXPONENT = 10;
    public static final double TAU = 17;
    /** Integration step (time units). */
    public static final double STEP = 0.1;
    /** Time units dropped before sampling starts. */
    public static final double WASHOUT = 500;
    /** Default time between samples, as in most benchmarks of this series. */
    public static final double DEFAULT_SAMPLE_INTERVAL = 1.0;

    private MackeyGlass() {
    }

    /** {@code n} samples one time unit apart. */
    public static Series generate(int n, long seed) {
        return generate(n, DEFAULT_SAMPLE_INTERVAL, seed);
    }

    /**
     * {@code n} samples {@code sampleInterval} time units apart (a positive multiple of
     * {@value #STEP}), the same for the same seed.
     */
    public static Series generate(int n, double sampleInterval, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("the series needs at least one point, got " + n);
        }
        long stepsPerSample = Math.round(sampleInterval / STEP);
        if (stepsPerSample < 1 || Math.abs(stepsPerSample * STEP - sampleInterval) > 1e-9) {
            throw new IllegalArgumentException("the sample interval must be a positive multiple of " + STEP
                    + ", got " + sampleInterval);
        }
        int delaySteps = (int) Math.round(TAU / STEP);
        int washoutSteps = (int) Math.round(WASHOUT / STEP);
        long totalSteps = washoutSteps + (n - 1) * stepsPerSample;
        if (totalSteps > 200_000_000L) {
            throw new IllegalArgumentException("too many integration steps: " + totalSteps);
        }
        double initial = 1.2 + (new SplittableRandom(seed).nextDouble() - 0.5) * 0.2;

        // x[k] is x(k * STEP); indices below 0 are the flat history.
        double[] x = new double[(int) totalSteps + 1];
        x[0] = initial;
        for (int k = 0; k < totalSteps; k++) {
            double delayed = at(x, k - delaySteps, initial);
            double delayedNext = at(x, k + 1 - delaySteps, initial);
            double delayedHalf = 0.5 * (delayed + delayedNext);
            double k1 = derivative(x[k], delayed);
            double k2 = derivative(x[k] + 0.5 * STEP * k1, delayedHalf);
            double k3 = derivative(x[k] + 0.5 * STEP * k2, delayedHalf);
            double k4 = derivative(x[k] + STEP * k3, delayedNext);
            x[k + 1] = x[k] + STEP / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
        }
        double[] samples = new double[n];
        for (int i = 0; i < n; i++) {
            samples[i] = x[(int) (washoutSteps + i * stepsPerSample)];
        }
        return new Series("mackey-glass", samples);
    }

    /** The right-hand side of the equation, given x(t) and x(t - tau). */
    public static double derivative(double current, double delayed) {
        return BETA * delayed / (1 + Math.pow(delayed, EXPONENT)) - GAMMA * current;
    }

    private static double at(double[] x, int index, double history) {
        return index < 0 ? history : x[index];
    }
}
