package com.seqplay.engine.layers;

/**
 * tanh and sigmoid for float networks, written so that HotSpot's C2 compiler turns the loops over
 * arrays into SIMD code: only additions, multiplications, one division and {@code Math.min/max},
 * no branches, no calls and no bit tricks (which it does not vectorise). The exact functions cost
 * one {@code Math.exp} per element and were the largest single cost of the gate loops.
 *
 * <p>Accuracy, checked by {@code FastActivationsTest} against the exact functions:
 * <ul>
 *   <li>tanh: relative error below 1.2e-7 for every argument, about one float rounding. It is
 *       {@code x P(x²) / Q(x²)} with P and Q of degree 4 in x², on x clamped to [-9, 9]
 *       (1 - tanh(9) is 3e-8). We fitted the coefficients ourselves, minimising the largest relative
 *       error on [0, 9] by iterated linear programming ({@code bench/fit_tanh.py} reproduces them).</li>
 *   <li>sigmoid: relative error below 1e-8 for |x| up to 88 (beyond, the value is below float's
 *       normal range or equals 1 in float). It is 1 / (1 + e^-x) with e^-x computed as (e^(-x/256))^256:
 *       a degree-9 Taylor polynomial for the small argument, then eight squarings. A rational form
 *       through tanh would lose the relative accuracy of small gate values to cancellation.</li>
 * </ul>
 * Double networks keep the exact functions ({@link ScalarActivation#TANH}, {@link ScalarActivation#SIGMOID}),
 * so gradient checks and the equality tests with DL4J's layers are unaffected.
 */
final class FastActivations {

    /** Beyond this |x|, tanh(x) is 1 to within 3e-8 relative. */
    static final double TANH_CLAMP = 9.0;
    /** Beyond this |x|, sigmoid is 1 in float or below float's smallest normal value. */
    static final double SIGMOID_CLAMP = 88.0;

    // tanh(x) ~ x (P0 + P1 s + ... + P4 s^4) / (1 + Q1 s + ... + Q4 s^4), s = x².
    private static final double P0 = 0.9999999219723451;
    private static final double P1 = 0.13347558744487248;
    private static final double P2 = 0.003454546631516723;
    private static final double P3 = 1.988263873593143e-05;
    private static final double P4 = 1.2260644763029406e-08;
    private static final double Q1 = 0.4668089237828161;
    private static final double Q2 = 0.025724226300681215;
    private static final double Q3 = 0.0003216274669212633;
    private static final double Q4 = 7.346702793343339e-07;

    /** e^y for |y| <= 88/256 by Taylor's series to degree 9 (coefficients 1/k!). */
    private static final double E2 = 1.0 / 2;
    private static final double E3 = 1.0 / 6;
    private static final double E4 = 1.0 / 24;
    private static final double E5 = 1.0 / 120;
    private static final double E6 = 1.0 / 720;
    private static final double E7 = 1.0 / 5040;
    private static final double E8 = 1.0 / 40320;
    private static final double E9 = 1.0 / 362880;

    private FastActivations() {
    }

    static double tanh(double x) {
        double v = Math.max(-TANH_CLAMP, Math.min(TANH_CLAMP, x));
        double s = v * v;
        double p = (((P4 * s + P3) * s + P2) * s + P1) * s + P0;
        double q = (((Q4 * s + Q3) * s + Q2) * s + Q1) * s + 1.0;
        return v * p / q;
    }

    static double sigmoid(double x) {
        double y = Math.max(-SIGMOID_CLAMP, Math.min(SIGMOID_CLAMP, x)) * (-1.0 / 256);
        double e = Math.fma(E9, y, E8);
        e = Math.fma(e, y, E7);
        e = Math.fma(e, y, E6);
        e = Math.fma(e, y, E5);
        e = Math.fma(e, y, E4);
        e = Math.fma(e, y, E3);
        e = Math.fma(e, y, E2);
        e = Math.fma(e, y, 1.0);
        e = Math.fma(e, y, 1.0);
        e *= e;
        e *= e;
        e *= e;
        e *= e;
        e *= e;
        e *= e;
        e *= e;
        e *= e;
        return 1.0 / (1.0 + e);
    }

    /**
     * Replaces {@code a[from .. from + n)} by its tanh. In place on purpose: with separate source and
     * destination offsets, C2 (JDK 17) left the sigmoid loop scalar, five times slower.
     */
    static void tanh(double[] a, int from, int n) {
        for (int j = from; j < from + n; j++) {
            a[j] = tanh(a[j]);
        }
    }

    /** Replaces {@code a[from .. from + n)} by its sigmoid (in place, see {@link #tanh(double[], int, int)}). */
    static void sigmoid(double[] a, int from, int n) {
        for (int j = from; j < from + n; j++) {
            a[j] = sigmoid(a[j]);
        }
    }
}
