package com.seqplay.engine.clipping;

import com.seqplay.spec.ClippingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures the gradient of every iteration before clipping (its global L2 norm, as a learner
 * sees exploding gradients) and says whether the run's clipping changed the step.
 *
 * <p>What {@code clipped} means, for every mode alike: the gradient the optimiser received
 * differs from the raw mean gradient. Global-norm clipping is applied here, so this class knows.
 * DL4J applies its own modes a moment later in its updater (after dividing by the minibatch
 * size, before the optimiser rule); no listener runs in between, so this class evaluates DL4J's
 * rule on the same numbers: the mean gradient per layer (keys {@code 0_W}, {@code 0_b}: the
 * layer before the last '_') or per parameter. {@code ClippingModesTest} checks, mode by mode,
 * that it answers yes exactly when the update DL4J applies differs from the unclipped one.
 *
 * <p>Renormalisation ({@code renorm-layer}) divides each layer's gradient by its norm whatever its
 * size, so it reshapes nearly every step: {@code clipped} is 1 whenever a layer's norm differs from
 * 1 by more than {@link #RENORM_TOLERANCE} (then the step changed by more than that fraction), and
 * 0 when every layer's gradient is zero (DL4J leaves it zero) or already of unit norm. Reporting
 * "renorm acted" instead would be 1 on every step and say nothing about the step.
 */
public final class ClippingWatch {
    /** A layer rescaled by less than this fraction counts as unchanged (well above float rounding). */
    static final double RENORM_TOLERANCE = 1e-3;
    private final ClippingMode mode;
    private final double threshold;
    private final GlobalNormClipping global;
    private double lastNorm = Double.NaN;
    private boolean lastClipped;

    public ClippingWatch(ClippingMode mode, Double threshold) {
        this.mode = mode;
        this.threshold = threshold == null ? Double.NaN : threshold;
        this.global = mode == ClippingMode.GLOBAL_NORM ? GlobalNormClipping.clipAt(threshold)
                : GlobalNormClipping.recorder();
    }

    /** Call from a listener's {@code onGradientCalculation}: before the updater touches the gradient. */
    public void onGradientCalculation(Model model) {
        boolean dl4jWillChange = switch (mode) {
            case NONE, GLOBAL_NORM -> false;
            case VALUE -> maxAbs(model) > threshold;
            case L2_LAYER -> groupNorms(model, true).values().stream().anyMatch(n -> n > threshold);
            case L2_PARAM_TYPE -> groupNorms(model, false).values().stream().anyMatch(n -> n > threshold);
            case RENORM_LAYER -> groupNorms(model, true).values().stream().anyMatch(ClippingWatch::renormChanges);
        };
        global.onGradientCalculation(model);
        lastNorm = global.getLastNorm();
        lastClipped = dl4jWillChange || global.wasLastClipped();
    }

    public double lastNorm() {
        return lastNorm;
    }

    public boolean lastClipped() {
        return lastClipped;
    }

    /**
     * Whether dividing a layer's gradient by its norm changes it noticeably. DL4J divides a zero
     * gradient by a tiny number instead, which leaves it zero: no change.
     */
    static boolean renormChanges(double layerNorm) {
        return layerNorm > 0 && Math.abs(layerNorm - 1) > RENORM_TOLERANCE;
    }

    private static double divisor(Model model) {
        return model.conf().isMiniBatch() ? Math.max(1, model.batchSize()) : 1.0;
    }

    private static double maxAbs(Model model) {
        return model.getGradientsViewArray().amaxNumber().doubleValue() / divisor(model);
    }

    /** L2 norms of the mean gradient per layer or per parameter. */
    private static Map<String, Double> groupNorms(Model model, boolean perLayer) {
        Map<String, Double> squares = new LinkedHashMap<>();
        double d = divisor(model);
        for (Map.Entry<String, INDArray> e : model.gradient().gradientForVariable().entrySet()) {
            String key = perLayer ? e.getKey().substring(0, Math.max(0, e.getKey().lastIndexOf('_'))) : e.getKey();
            double n = e.getValue().norm2Number().doubleValue() / d;
            squares.merge(key, n * n, Double::sum);
        }
        squares.replaceAll((k, v) -> Math.sqrt(v));
        return squares;
    }
}
