package com.seqplay.engine.layers;

/**
 * An exponential accurate to about 1e-8 relative, two to three times faster than {@code Math.exp}.
 *
 * <p>Range reduction to 2^n * 2^f with |f| <= 1/2, a degree-7 Taylor polynomial for 2^f (its
 * truncation error is below 1e-8 on that interval) and the power of two put straight into the
 * exponent bits. Arguments are clamped to +-700, where exp over- or underflows anyway for
 * the uses here (sigmoid and tanh saturate long before).
 */
final class FastExp {

    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2 = 0.6931471805599453;
    /** Adding then subtracting 1.5 * 2^52 rounds a double to the nearest integer. */
    private static final double ROUND = 6755399441055744.0;

    private FastExp() {
    }

    static double exp(double x) {
        double xc = x < -700.0 ? -700.0 : (x > 700.0 ? 700.0 : x);
        double y = xc * LOG2E;
        double n = (y + ROUND) - ROUND;
        double u = (y - n) * LN2;
        double p = 1.0 / 5040.0;
        p = p * u + 1.0 / 720.0;
        p = p * u + 1.0 / 120.0;
        p = p * u + 1.0 / 24.0;
        p = p * u + 1.0 / 6.0;
        p = p * u + 0.5;
        p = p * u + 1.0;
        p = p * u + 1.0;
        return p * Double.longBitsToDouble(((long) n + 1023L) << 52);
    }
}
