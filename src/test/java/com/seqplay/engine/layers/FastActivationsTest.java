package com.seqplay.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The float path's tanh and sigmoid stay within the error bounds their documentation states. */
class FastActivationsTest {

    /** Arguments: a fine grid over the interesting range, the clamp edges, and far beyond. */
    private static double[] arguments() {
        Random random = new Random(7);
        double[] x = new double[400_000];
        for (int i = 0; i < 200_000; i++) {
            x[i] = -30.0 + 60.0 * i / 200_000.0;
        }
        for (int i = 200_000; i < 390_000; i++) {
            x[i] = random.nextGaussian() * (i % 3 == 0 ? 1e-3 : 4.0);
        }
        double[] special = {0.0, -0.0, 1e-300, -1e-12, 8.999, 9.0, 9.001, -9.0, 87.9, -87.9, 88.0, -88.0,
                200.0, -200.0, 1e6, -1e6};
        System.arraycopy(special, 0, x, 390_000, special.length);
        return x;
    }

    @Test
    void tanhIsWithinOneFloatRoundingEverywhere() {
        double worst = 0.0;
        for (double x : arguments()) {
            double exact = Math.tanh(x);
            double fast = FastActivations.tanh(x);
            if (exact == 0.0) {
                assertEquals(0.0, fast, 0.0, "tanh(" + x + ")");
            } else {
                worst = Math.max(worst, Math.abs(fast - exact) / Math.abs(exact));
            }
        }
        assertTrue(worst < 1.2e-7, "largest relative error of tanh " + worst);
        // and it is a real approximation, not the exact function in disguise
        assertTrue(worst > 1e-12, "largest relative error of tanh " + worst);
    }

    @Test
    void sigmoidKeepsRelativeAccuracyForSmallGateValues() {
        double worst = 0.0;
        for (double x : arguments()) {
            double exact = 1.0 / (1.0 + Math.exp(-x));
            double fast = FastActivations.sigmoid(x);
            assertTrue(fast >= 0.0 && fast <= 1.0, "sigmoid(" + x + ") = " + fast);
            if (Math.abs(x) <= FastActivations.SIGMOID_CLAMP) {
                worst = Math.max(worst, Math.abs(fast - exact) / exact);
            } else {
                assertEquals(exact, fast, 1e-38, "sigmoid(" + x + ")");
            }
        }
        assertTrue(worst < 1e-8, "largest relative error of sigmoid " + worst);
    }

    @Test
    void blockFunctionsEqualTheScalarOnesAndTouchOnlyTheirRange() {
        double[] x = arguments();
        double[] t = x.clone();
        double[] s = x.clone();
        FastActivations.tanh(t, 5, x.length - 10);
        FastActivations.sigmoid(s, 5, x.length - 10);
        for (int i = 0; i < x.length; i++) {
            boolean inside = i >= 5 && i < x.length - 5;
            assertEquals(inside ? FastActivations.tanh(x[i]) : x[i], t[i], 0.0, "tanh at " + i);
            assertEquals(inside ? FastActivations.sigmoid(x[i]) : x[i], s[i], 0.0, "sigmoid at " + i);
        }
    }

    @Test
    void floatNetworksGetTheFastFunctionsAndDoubleNetworksTheExactOnes() {
        var tanh = new org.nd4j.linalg.activations.impl.ActivationTanH();
        var sigmoid = new org.nd4j.linalg.activations.impl.ActivationSigmoid();
        var doubleType = org.nd4j.linalg.api.buffer.DataType.DOUBLE;
        var floatType = org.nd4j.linalg.api.buffer.DataType.FLOAT;
        assertEquals(ScalarActivation.TANH, ScalarActivation.of(tanh, doubleType));
        assertEquals(ScalarActivation.SIGMOID, ScalarActivation.of(sigmoid, doubleType));
        assertEquals(ScalarActivation.TANH_FAST, ScalarActivation.of(tanh, floatType));
        assertEquals(ScalarActivation.SIGMOID_FAST, ScalarActivation.of(sigmoid, floatType));
        double[] block = {-3.0, 0.5, 2.0};
        ScalarActivation.TANH.applyInPlace(block, 0, 3);
        assertEquals(ScalarActivation.TANH.apply(2.0), block[2], 0.0);
        assertEquals(ScalarActivation.TANH.apply(-3.0), block[0], 0.0);
    }
}
