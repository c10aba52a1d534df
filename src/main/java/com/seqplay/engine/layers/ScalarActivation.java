package com.seqplay.engine.layers;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Scalar versions of the few ND4J activation functions the fused GRU supports.
 *
 * <p>The GRU does its gate arithmetic in plain Java loops (one native call per element-wise op
 * was where DL4J's own recurrent layers lost their time), so it needs each activation as a
 * scalar function plus its derivative. The derivative is expressed through the activation's
 * <em>output</em> y, which is what the forward pass caches.
 */
enum ScalarActivation {
    TANH {
        @Override
        double apply(double x) {
            // tanh via one exp (Math.tanh is several times slower); exact to double rounding.
            double e = Math.exp(-2.0 * Math.abs(x));
            double t = (1.0 - e) / (1.0 + e);
            return x < 0 ? -t : t;
        }

        @Override
        double derivativeFromOutput(double y) {
            return 1.0 - y * y;
        }
    },
    SIGMOID {
        @Override
        double apply(double x) {
            return 1.0 / (1.0 + Math.exp(-x));
        }

        @Override
        double derivativeFromOutput(double y) {
            return y * (1.0 - y);
        }
    },
    /** ND4J's hard sigmoid: clip(0.2 x + 0.5, 0, 1). */
    HARD_SIGMOID {
        @Override
        double apply(double x) {
            return Math.min(1.0, Math.max(0.0, 0.2 * x + 0.5));
        }

        @Override
        double derivativeFromOutput(double y) {
            return (y > 0.0 && y < 1.0) ? 0.2 : 0.0;
        }
    },
    /** tanh of {@link FastActivations}: for float networks, where its error is about one float rounding. */
    TANH_FAST {
        @Override
        double apply(double x) {
            return FastActivations.tanh(x);
        }

        @Override
        void applyInPlace(double[] a, int from, int n) {
            FastActivations.tanh(a, from, n);
        }

        @Override
        double derivativeFromOutput(double y) {
            return 1.0 - y * y;
        }
    },
    /** sigmoid of {@link FastActivations}, for float networks. */
    SIGMOID_FAST {
        @Override
        double apply(double x) {
            return FastActivations.sigmoid(x);
        }

        @Override
        void applyInPlace(double[] a, int from, int n) {
            FastActivations.sigmoid(a, from, n);
        }

        @Override
        double derivativeFromOutput(double y) {
            return y * (1.0 - y);
        }
    },
    IDENTITY {
        @Override
        double apply(double x) {
            return x;
        }

        @Override
        double derivativeFromOutput(double y) {
            return 1.0;
        }
    };

    abstract double apply(double x);

    /**
     * Replaces {@code a[from .. from + n)} by the activation of each value. The kernels apply
     * activations to whole gate blocks this way so that the fast variants run as SIMD loops.
     */
    void applyInPlace(double[] a, int from, int n) {
        for (int j = from; j < from + n; j++) {
            a[j] = apply(a[j]);
        }
    }

    abstract double derivativeFromOutput(double y);

    /**
     * Maps an ND4J activation to its scalar twin.
     *
     * @throws IllegalArgumentException for activations the fused kernel does not implement, so a
     *                                  configuration error shows up when the layer is built, not as wrong numbers.
     */
    static ScalarActivation of(IActivation activation) {
        if (activation instanceof ActivationTanH) {
            return TANH;
        }
        if (activation instanceof ActivationSigmoid) {
            return SIGMOID;
        }
        if (activation instanceof ActivationHardSigmoid) {
            return HARD_SIGMOID;
        }
        if (activation instanceof ActivationIdentity) {
            return IDENTITY;
        }
        throw new IllegalArgumentException("Recurrent layers support tanh, sigmoid, hardsigmoid and identity activations, not "
                + activation);
    }

    /**
     * As {@link #of(IActivation)}, but for a float network tanh and sigmoid are those of
     * {@link FastActivations}: {@code Math.exp} was the largest single cost of the gate loops, and
     * their error is about one float rounding. Double networks keep the exact functions (gradient checks, equality tests).
     */
    static ScalarActivation of(IActivation activation, org.nd4j.linalg.api.buffer.DataType type) {
        ScalarActivation exact = of(activation);
        if (type != org.nd4j.linalg.api.buffer.DataType.FLOAT) {
            return exact;
        }
        return switch (exact) {
            case TANH -> TANH_FAST;
            case SIGMOID -> SIGMOID_FAST;
            default -> exact;
        };
    }
}
