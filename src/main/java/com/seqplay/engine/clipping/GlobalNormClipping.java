package com.seqplay.engine.clipping;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Global-norm gradient clipping for DL4J, like PyTorch's {@code clip_grad_norm_}: one L2 norm over
 * <em>all</em> parameters of the network, and if it exceeds {@code maxNorm} every gradient is scaled
 * by {@code maxNorm / norm}. DL4J 1.0.0-M2.1 only clips per layer or per parameter type.
 *
 * <p>Usage (MultiLayerNetwork or ComputationGraph):
 * <pre>
 *   GlobalNormClipping clip = GlobalNormClipping.clipAt(1.0);
 *   net.addListeners(clip);
 *   net.fit(batch);
 *   metrics.record("grad_norm", clip.getLastNorm());
 *   metrics.record("clipped", clip.wasLastClipped() ? 1 : 0);
 * </pre>
 * {@link #recorder()} only measures the norm (never scales), for networks that use DL4J's own
 * {@code GradientNormalization} modes; the norm it reports is the one <em>before</em> DL4J's
 * per-layer clipping.
 *
 * <p>Where it acts: in DL4J M2.1 one iteration runs {@code computeGradientAndScore} (backward pass),
 * then {@link #onGradientCalculation}, then the updater, which divides the gradient by the
 * minibatch size, applies the per-layer {@code GradientNormalization} and the regularisation
 * (l1/l2/weight decay) and the optimiser rule (SGD, Adam...) in place, and finally the step
 * {@code params -= update}. So in {@code onGradientCalculation} the network's flat gradient array
 * holds the raw <em>sum</em> over the minibatch, and scaling it in place there changes what the
 * updater sees (verified with plain SGD, lr = 1, in GlobalNormClippingTest). The norm reported is
 * that of the <em>mean</em> gradient (sum / minibatch size, as the updater divides it), without the
 * regularisation terms, which the updater adds later. With {@code miniBatch(false)} the updater
 * does not divide, and neither does this class. By {@code iterationDone} the array already holds
 * the update, which is why this is not done there.
 *
 * <p>Differences from PyTorch: the scale is exactly {@code maxNorm / norm} (PyTorch adds 1e-6 to
 * the norm), and a non-finite norm (NaN/Infinity) is reported but the gradient is left alone.
 *
 * <p>Thread safety: training calls {@link #onGradientCalculation} on the training thread; the
 * getters may be read from another thread and always see a completed iteration's values.
 */
public class GlobalNormClipping extends BaseTrainingListener {

    private final double maxNorm;
    private volatile Snapshot last = new Snapshot(Double.NaN, false, 0);

    private GlobalNormClipping(double maxNorm) {
        this.maxNorm = maxNorm;
    }

    /** Clips the global norm of the mean gradient to {@code maxNorm} (> 0). */
    public static GlobalNormClipping clipAt(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm must be a positive finite number, got " + maxNorm);
        }
        return new GlobalNormClipping(maxNorm);
    }

    /** Measures and reports the global norm but never changes the gradient. */
    public static GlobalNormClipping recorder() {
        return new GlobalNormClipping(Double.POSITIVE_INFINITY);
    }

    @Override
    public void onGradientCalculation(Model model) {
        INDArray gradient = model.getGradientsViewArray(); // the flat array the updater works on, in place
        if (gradient == null || gradient.length() == 0) {
            return;
        }
        double divisor = model.conf().isMiniBatch() ? Math.max(1, model.batchSize()) : 1.0;
        double norm = gradient.norm2Number().doubleValue() / divisor;
        boolean clip = Double.isFinite(norm) && norm > maxNorm;
        if (clip) {
            gradient.muli(maxNorm / norm);
        }
        Snapshot previous = last;
        last = new Snapshot(norm, clip, previous.iterations + 1);
    }

    /** Global L2 norm of the mean gradient before clipping, from the last iteration (NaN before the first). */
    public double getLastNorm() {
        return last.norm;
    }

    /** Whether the last iteration's gradient was scaled down (always false for {@link #recorder()}). */
    public boolean wasLastClipped() {
        return last.clipped;
    }

    /** Number of iterations seen so far. */
    public long getIterationsSeen() {
        return last.iterations;
    }

    /** The threshold, or +Infinity for a recorder. */
    public double getMaxNorm() {
        return maxNorm;
    }

    public boolean isClipping() {
        return Double.isFinite(maxNorm);
    }

    @Override
    public String toString() {
        return isClipping() ? "GlobalNormClipping(maxNorm=" + maxNorm + ")" : "GlobalNormClipping(recorder)";
    }

    /** Values of one iteration, published together so readers never see a torn pair. */
    private static final class Snapshot {
        final double norm;
        final boolean clipped;
        final long iterations;

        Snapshot(double norm, boolean clipped, long iterations) {
            this.norm = norm;
            this.clipped = clipped;
            this.iterations = iterations;
        }
    }
}
