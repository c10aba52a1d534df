package com.seqplay.engine.layers;

import com.seqplay.engine.layers.Gemm.Block;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * Run-time part of {@link FusedRnnOutputLayer}: DL4J's RnnOutputLayer, with the training pass of
 * softmax + multi-class cross-entropy done here.
 *
 * <p>DL4J computes it as a chain of general operations: permute the [B, nIn, T] input to
 * [B*T, nIn] rows (a strided copy), one product, softmax, a clipped copy for the score, the
 * gradient, and the whole forward part again for the score that the network asks for right after
 * the gradient; this took a fifth to a quarter of a small model's iteration. Here: the input's
 * rows (no copy when the previous layer is one of ours, see {@link TimeMajor}), one product for
 * all steps, then one Java pass per row computes softmax, the loss and its gradient
 * {@code (softmax - label) * mask} together, and two products give the weight gradient and the
 * gradient w.r.t. the input. The loss of that pass is kept for the score request that follows it.
 *
 * <p>The numbers are DL4J's: the score is {@code -sum(label * log(clip(softmax))) / minibatch} with
 * LossMCXENT's clipping, masked steps count zero, and the gradient is unclipped, as in LossMCXENT.
 * Any other configuration (other loss or activation, loss weights, dropout or weight noise on this
 * layer, per-output masks, NWC data) goes to DL4J's own code.
 */
public class FusedRnnOutputImpl extends RnnOutputLayer {

    private final NativeBuffers buffers = new NativeBuffers();

    /** The label mask as set ([B, T]); DL4J keeps only a reshaped copy. */
    private INDArray rawMask;
    /** Loss sum of the last fast backward pass, valid until input, labels or mask change. */
    private boolean lossCached;
    private double cachedLoss;

    private double[] values = new double[0];
    private double[] labelValues = new double[0];

    public FusedRnnOutputImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        super.setInput(input, workspaceMgr);
        lossCached = false;
    }

    @Override
    public void setLabels(INDArray labels) {
        super.setLabels(labels);
        lossCached = false;
    }

    @Override
    public void setMaskArray(INDArray maskArray) {
        super.setMaskArray(maskArray);
        rawMask = maskArray;
        lossCached = false;
    }

    @Override
    public void clear() {
        super.clear();
        rawMask = null;
        lossCached = false;
    }

    /** True when this layer does the pass itself; otherwise DL4J's code runs. */
    private boolean fastPath() {
        var lc = layerConf();
        if (!(lc.getLossFn() instanceof LossMCXENT loss) || loss.getWeights() != null
                || !(lc.getActivationFn() instanceof ActivationSoftmax)
                || lc.getRnnDataFormat() != RNNFormat.NCW || lc.getIDropout() != null
                || lc.getWeightNoise() != null || !hasBias()
                || (dataType != DataType.FLOAT && dataType != DataType.DOUBLE)) {
            return false;
        }
        if (input == null || labels == null || input.rank() != 3 || labels.rank() != 3) {
            return false;
        }
        long batch = input.size(0);
        long steps = input.size(2);
        if (labels.size(0) != batch || labels.size(1) != lc.getNOut() || labels.size(2) != steps
                || input.size(1) != lc.getNIn()) {
            return false;
        }
        if ((rawMask == null) != (maskArray == null)) {
            return false; // the mask was set some other way than setMaskArray
        }
        if (rawMask != null && (rawMask.rank() != 2 || rawMask.size(0) != batch || rawMask.size(1) != steps)) {
            return false; // per-output masks
        }
        return inputMaskArray == null || rawMask != null;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPath()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        Pass p = logits();
        double[] biasGrad = new double[p.classes];
        double loss = softmaxPass(p, biasGrad);

        INDArray dz = buffers.get("dz", dataType, p.rows(), p.classes);
        new HostView(dz).put(0, values, 0, p.rows() * p.classes);
        // W is [nIn, V] in 'f' order, i.e. row-major [V, nIn]: its gradient is dZᵀ X.
        INDArray dwT = buffers.get("dwT", dataType, p.classes, p.nIn);
        INDArray epsOut = TimeMajor.create(workspaceMgr, ArrayType.ACTIVATION_GRAD, dataType, p.batch, p.nIn, p.steps);
        INDArray epsOutRows = TimeMajor.rowsOrNull(epsOut);
        // With a StepTeam (several threads configured) each thread takes a block of rows of each product.
        try (StepTeam team = StepTeam.tryAcquire(p.batch)) {
            StepTeam.byRows(team, p.classes, (from, count) -> Gemm.multiply(Block.of(dz).columns(from, count), true,
                    Block.of(p.x), false, Block.rows(dwT, from, count), 0.0));
            StepTeam.byRows(team, p.rows(), (from, count) -> Gemm.multiply(Block.rows(dz, from, count), false,
                    Block.of(p.wT), false, Block.rows(epsOutRows, from, count), 0.0));
        }
        INDArray wGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
        wGrad.assign(dwT.transpose());
        bGrad.assign(Nd4j.createFromArray(biasGrad).castTo(dataType).reshape(bGrad.shape()));

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, wGrad);
        gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, bGrad);
        weightNoiseParams.clear();
        cachedLoss = loss;
        lossCached = true;
        return new Pair<>(gradient, epsOut);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fastPath()) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        double loss;
        if (lossCached) {
            loss = cachedLoss; // from the backward pass on the same input, labels and mask
            lossCached = false;
        } else {
            loss = softmaxPass(logits(), null);
        }
        double s = loss;
        if (conf().isMiniBatch()) {
            s /= getInputMiniBatchSize();
        }
        s += fullNetRegTerm;
        this.score = s;
        return s;
    }

    /** Sizes and arrays of one pass; {@link #values} holds the logits Z = X W + b, rows (t, b). */
    private record Pass(int batch, int steps, int nIn, int classes, INDArray x, INDArray wT) {
        int rows() {
            return batch * steps;
        }
    }

    private Pass logits() {
        INDArray in = input.dataType() == dataType ? input : input.castTo(dataType);
        int batch = (int) in.size(0);
        int nIn = (int) in.size(1);
        int steps = (int) in.size(2);
        int classes = (int) layerConf().getNOut();
        int rows = batch * steps;
        INDArray x = TimeMajor.rows(in, buffers.get("x", dataType, rows, nIn));
        INDArray wT = buffers.get("wT", dataType, classes, nIn);
        wT.assign(getParam(DefaultParamInitializer.WEIGHT_KEY).transpose());
        INDArray z = buffers.get("z", dataType, rows, classes);
        try (StepTeam team = StepTeam.tryAcquire(batch)) {
            StepTeam.byRows(team, rows, (from, count) ->
                    Gemm.multiply(Block.rows(x, from, count), false, Block.of(wT), true, Block.rows(z, from, count), 0.0));
        }
        if (values.length < rows * classes) {
            values = new double[rows * classes];
        }
        new HostView(z).get(0, values, 0, rows * classes);
        return new Pass(batch, steps, nIn, classes, x, wT);
    }

    /**
     * Adds the bias, applies softmax per row and returns the loss sum; with {@code biasGrad} it also
     * leaves dL/dZ in {@link #values} and accumulates its column sums there. With a {@link StepTeam}
     * each member takes a block of steps with sums of its own, added in block order.
     */
    private double softmaxPass(Pass p, double[] biasGrad) {
        final double clip = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
        final double[] bias = getParam(DefaultParamInitializer.BIAS_KEY).toDoubleVector();
        final double[] y = readLabels(p.batch * p.classes * p.steps);
        final double[][] mask = rawMask == null ? null : rawMask.toDoubleMatrix();
        try (StepTeam team = StepTeam.tryAcquire(p.batch)) {
            int parts = StepTeam.parts(team);
            double[] losses = new double[parts];
            double[][] biasParts = biasGrad == null ? null : new double[parts][p.classes];
            StepTeam.byParts(team, p.steps, (part, from, count) -> losses[part] = softmaxSteps(p, from, from + count,
                    clip, bias, y, mask, biasParts == null ? null : biasParts[part]));
            double loss = 0;
            for (int part = 0; part < parts; part++) {
                loss += losses[part];
                for (int v = 0; biasGrad != null && v < p.classes; v++) {
                    biasGrad[v] += biasParts[part][v];
                }
            }
            return loss;
        }
    }

    /** {@link #softmaxPass} for steps [from, to): their loss sum; the bias gradient sums go to {@code biasGrad}. */
    private double softmaxSteps(Pass p, int from, int to, double clip, double[] bias, double[] y, double[][] mask,
                                double[] biasGrad) {
        final int classes = p.classes;
        final int batch = p.batch;
        final int steps = p.steps;
        final boolean fastExp = dataType == DataType.FLOAT;
        final boolean gradient = biasGrad != null;
        final double[] z = values;
        double loss = 0.0;
        for (int t = from; t < to; t++) {
            for (int b = 0; b < batch; b++) {
                final int off = (t * batch + b) * classes;
                final double m = mask == null ? 1.0 : mask[b][t];
                if (m == 0.0) {
                    if (gradient) {
                        java.util.Arrays.fill(z, off, off + classes, 0.0);
                    }
                    continue; // a masked step adds nothing to the loss or the gradient
                }
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < classes; v++) {
                    double zv = z[off + v] + bias[v];
                    z[off + v] = zv;
                    max = Math.max(max, zv);
                }
                double sum = 0.0;
                for (int v = 0; v < classes; v++) {
                    double e = fastExp ? FastExp.exp(z[off + v] - max) : Math.exp(z[off + v] - max);
                    z[off + v] = e;
                    sum += e;
                }
                final double inv = 1.0 / sum;
                // labels are [B, V, T] in 'c' order
                final int lab = b * classes * steps + t;
                for (int v = 0; v < classes; v++) {
                    double pv = z[off + v] * inv;
                    double yv = y[lab + v * steps];
                    if (yv != 0.0) {
                        double clipped = pv < clip ? clip : (pv > 1.0 - clip ? 1.0 - clip : pv);
                        loss -= m * yv * Math.log(clipped);
                    }
                    if (gradient) {
                        double d = m * (pv - yv);
                        z[off + v] = d;
                        biasGrad[v] += d;
                    }
                }
            }
        }
        return loss;
    }

    private double[] readLabels(int length) {
        INDArray l = labels;
        if (l.dataType() != DataType.FLOAT && l.dataType() != DataType.DOUBLE) {
            l = l.castTo(dataType);
        }
        if (l.ordering() != 'c' || l.offset() != 0 || !Shape.hasDefaultStridesForShape(l)
                || l.data().length() < l.length()) {
            l = l.dup('c');
        }
        if (labelValues.length < length) {
            labelValues = new double[length];
        }
        new HostView(l).get(0, labelValues, 0, length);
        return labelValues;
    }
}
