package com.seqplay.engine.clipping;

import com.seqplay.spec.ClippingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Measures the gradient of every iteration before clipping (its global L2 norm, as a learner
 * sees exploding gradients) and says whether the run's clipping acted. Global-norm clipping is
 * applied here; DL4J's own per-layer modes are applied later by its updater, so for those this
 * only predicts, from the same numbers DL4J will use, whether they will change the gradient.
 */
public final class ClippingWatch {
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
        boolean dl4jWillClip = switch (mode) {
            case NONE, GLOBAL_NORM -> false;
            case VALUE -> maxAbs(model) > threshold;
            case L2_LAYER -> groupNorms(model, true).values().stream().anyMatch(n -> n > threshold);
            case L2_PARAM_TYPE -> groupNorms(model, false).values().stream().anyMatch(n -> n > threshold);
            // Renormalisation rescales every layer to unit norm whatever its size.
            case RENORM_LAYER -> true;
        };
        global.onGradientCalculation(model);
        lastNorm = global.getLastNorm();
        lastClipped = dl4jWillClip || global.wasLastClipped();
    }

    public double lastNorm() {
        return lastNorm;
    }

    public boolean lastClipped() {
        return lastClipped;
    }

    private static double divisor(Model model) {
        return model.conf().isMiniBatch() ? Math.max(1, model.batchSize()) : 1.0;
    }

    private static double maxAbs(Model model) {
        return model.getGradientsViewArray().amaxNumber().doubleValue() / divisor(model);
    }

    /** L2 norms of the mean gradient per layer (keys like {@code 0_W}: layer before the last '_') or per parameter. */
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
