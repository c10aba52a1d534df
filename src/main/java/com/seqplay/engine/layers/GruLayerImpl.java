package com.seqplay.engine.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.base.Preconditions;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The GRU layer at run time (see {@link GruLayer} for the equations and {@link GruParamInitializer}
 * for the parameter layout).
 *
 * <p>Design ("fused" layer): one matrix product projects the inputs of all time steps at once;
 * each step then does one h·RW product into a preallocated buffer and all gate arithmetic in a
 * Java loop ({@link GruKernel}); the backward pass does one dh·RWᵀ product per step and the weight
 * gradients as one product over all steps at the end. A training forward pass keeps its gate
 * values for the backward pass, so backprop does not recompute the forward pass.
 *
 * <p>State: {@code rnnTimeStep} continues from the state stored by the previous call (cleared by
 * {@code rnnClearPreviousState}); truncated BPTT continues each segment from the previous
 * segment's final state, and gradients do not flow across segments.
 */
public class GruLayerImpl extends BaseRecurrentLayer<GruLayer> {

    /** Key of the last state h_T ([minibatch, nOut]) in the rnnTimeStep and tBPTT state maps. */
    public static final String STATE_KEY_PREV_ACTIVATION = "prevAct";

    private final GruBuffers buffers = new GruBuffers();
    private final GruForwardPass pass = new GruForwardPass();

    public GruLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return forward(training, null, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(false, stateMap.get(STATE_KEY_PREV_ACTIVATION), workspaceMgr);
        stateMap.put(STATE_KEY_PREV_ACTIVATION, lastState());
        return out;
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
                                                LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        INDArray out = forward(training, tBpttStateMap.get(STATE_KEY_PREV_ACTIVATION), workspaceMgr);
        if (storeLastForTBPTT) {
            tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, lastState());
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        return backward(epsilon, -1, false, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
                                                          LayerWorkspaceMgr workspaceMgr) {
        return backward(epsilon, tbpttBackLength, true, workspaceMgr);
    }

    /** Like DL4J's LSTM: the mask is used here (state carry, zero output) and passed on unchanged. */
    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                          int minibatchSize) {
        this.maskArray = maskArray;
        this.maskState = currentMaskState;
        return new Pair<>(maskArray, MaskState.Passthrough);
    }

    @Override
    public void clear() {
        super.clear();
        pass.release();
        buffers.clear();
    }

    // ------------------------------------------------------------------------------------------
    // Forward

    private INDArray forward(boolean training, INDArray initialState, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        pass.invalidate();
        applyDropOutIfNecessary(training, workspaceMgr);

        INDArray in = permuteIfNWC(input);
        Preconditions.checkState(in.rank() == 3,
                "GRU layer %s expects 3d input [minibatch, nIn, timeSteps], got shape %s", layerId(), in.shape());
        Preconditions.checkState(in.size(1) == layerConf().getNIn(),
                "GRU layer %s: input has size %s, expected nIn=%s", layerId(), in.size(1), layerConf().getNIn());
        if (in.dataType() != dataType) {
            in = in.castTo(dataType);
        }
        final int batch = (int) in.size(0);
        final int nIn = (int) in.size(1);
        final int steps = (int) in.size(2);
        final int hidden = (int) layerConf().getNOut();
        final int block = batch * hidden;
        final int gateBlock = 3 * block;

        INDArray w = getParamWithNoise(GruParamInitializer.INPUT_WEIGHT_KEY, training, workspaceMgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, training, workspaceMgr);
        INDArray b = getParamWithNoise(GruParamInitializer.BIAS_KEY, training, workspaceMgr);

        // Input projection for all steps in one product. Rows are ordered (t, b), so step t is the
        // contiguous row block [t*B, (t+1)*B).
        INDArray x2 = buffers.get("x2", dataType, (long) steps * batch, nIn);
        x2.reshape('c', steps, batch, nIn).assign(in.permute(2, 0, 1));
        INDArray xp = buffers.get("xp", dataType, (long) steps * batch, 3L * hidden);
        Nd4j.gemm(x2, w, xp, false, false, 1.0, 0.0);
        xp.addiRowVector(b.reshape(1, 3L * hidden));

        final boolean keep = training;
        pass.ensure(batch, steps, hidden, nIn, keep);
        pass.maskByStep = readMask(batch, steps);
        double[] h = pass.h;
        boolean zeroState = initialState == null;
        if (zeroState) {
            Arrays.fill(h, 0, block, 0.0);
        } else {
            copyState(initialState, h, batch, hidden);
        }

        INDArray hStep = buffers.get("hStep", dataType, batch, hidden);
        INDArray hProj = buffers.get("hProj", dataType, batch, 3L * hidden);
        HostView hStepView = new HostView(hStep);
        HostView hProjView = new HostView(hProj);
        HostView xpView = new HostView(xp);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[]{batch, hidden, steps}, 'f');
        HostView outView = new HostView(out);

        GruKernel kernel = kernel(batch, hidden);
        double[] xpStep = new double[gateBlock];
        double[] hpStep = new double[gateBlock];
        double[] outStep = new double[block];
        int newOff = 0;
        for (int t = 0; t < steps; t++) {
            int prevOff = keep ? t * block : (t & 1) * block;
            newOff = keep ? (t + 1) * block : ((t + 1) & 1) * block;
            int cacheOff = keep ? t * block : 0;
            if (t == 0 && zeroState) {
                Arrays.fill(hpStep, 0.0);
            } else {
                hStepView.put(0, h, prevOff, block);
                Nd4j.gemm(hStep, rw, hProj, false, false, 1.0, 0.0);
                hProjView.get(0, hpStep, 0, gateBlock);
            }
            xpView.get((long) t * gateBlock, xpStep, 0, gateBlock);
            kernel.forward(xpStep, hpStep, h, prevOff, newOff, maskAt(t),
                    pass.r, pass.z, pass.n, pass.hn, cacheOff, outStep);
            outView.put((long) t * block, outStep, 0, block);
        }
        pass.lastStateOffset = steps == 0 ? 0 : newOff;
        if (keep) {
            pass.input = input;
            pass.mask = maskArray;
        }
        return permuteIfNWC(out);
    }

    private GruKernel kernel(int batch, int hidden) {
        return new GruKernel(batch, hidden, ScalarActivation.of(layerConf().getActivationFn()),
                ScalarActivation.of(layerConf().getGateActivationFn()));
    }

    private double[] maskAt(int t) {
        return pass.maskByStep == null ? null : pass.maskByStep[t];
    }

    /** The feature mask rearranged per step ([T][B]); masks are small, so a plain copy is fine. */
    private double[][] readMask(int batch, int steps) {
        if (maskArray == null) {
            return null;
        }
        INDArray m = maskArray;
        if (m.rank() == 3) {
            m = m.reshape(m.size(0), m.size(2)); // [B,1,T] as some pipelines produce
        }
        Preconditions.checkState(m.size(0) == batch && m.size(1) == steps,
                "GRU layer %s: mask shape %s does not match [minibatch=%s, timeSteps=%s]",
                layerId(), maskArray.shape(), batch, steps);
        double[][] byExample = m.toDoubleMatrix();
        double[][] byStep = new double[steps][batch];
        for (int e = 0; e < batch; e++) {
            for (int t = 0; t < steps; t++) {
                byStep[t][e] = byExample[e][t];
            }
        }
        return byStep;
    }

    private void copyState(INDArray state, double[] h, int batch, int hidden) {
        Preconditions.checkState(state.rank() == 2 && state.size(0) == batch && state.size(1) == hidden,
                "GRU layer %s: stored state has shape %s but this input needs [%s, %s];"
                        + " call rnnClearPreviousState() when the minibatch size changes",
                layerId(), state.shape(), batch, hidden);
        double[][] rows = state.toDoubleMatrix();
        for (int e = 0; e < batch; e++) {
            System.arraycopy(rows[e], 0, h, e * hidden, hidden);
        }
    }

    /** The final state of the last forward pass, detached from all workspaces. */
    private INDArray lastState() {
        int batch = pass.batch;
        int hidden = pass.hidden;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray state = Nd4j.createUninitialized(dataType, new long[]{batch, hidden}, 'c');
            new HostView(state).put(0, pass.h, pass.lastStateOffset, batch * hidden);
            return state;
        }
    }

    // ------------------------------------------------------------------------------------------
    // Backward

    private Pair<Gradient, INDArray> backward(INDArray epsilon, int tbpttBackLength, boolean truncated,
                                              LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (!pass.isValidFor(input, maskArray)) {
            // No training forward pass for exactly this input (e.g. gradients requested directly):
            // recompute it, starting where DL4J's LSTM starts (the stored state under tBPTT).
            forward(true, truncated ? stateMap.get(STATE_KEY_PREV_ACTIVATION) : null, workspaceMgr);
            if (truncated) {
                tBpttStateMap.put(STATE_KEY_PREV_ACTIVATION, lastState());
            }
        }
        final int batch = pass.batch;
        final int steps = pass.steps;
        final int hidden = pass.hidden;
        final int nIn = pass.nIn;
        final int block = batch * hidden;
        final int gateBlock = 3 * block;
        final int firstStep = tbpttBackLength > 0 ? Math.max(0, steps - tbpttBackLength) : 0;

        INDArray eps = permuteIfNWC(epsilon);
        if (eps.dataType() != dataType) {
            eps = eps.castTo(dataType);
        }
        if (eps.ordering() != 'f' || !Shape.hasDefaultStridesForShape(eps) || eps.offset() != 0) {
            eps = eps.dup('f');
        }
        Preconditions.checkState(eps.size(0) == batch && eps.size(1) == hidden && eps.size(2) == steps,
                "GRU layer %s: epsilon shape %s does not match the forward pass", layerId(), epsilon.shape());

        INDArray w = getParamWithNoise(GruParamInitializer.INPUT_WEIGHT_KEY, true, workspaceMgr);
        INDArray rw = getParamWithNoise(GruParamInitializer.RECURRENT_WEIGHT_KEY, true, workspaceMgr);

        // Per-step gradients of the gate pre-activations, rows (t, b) like the input projection.
        INDArray gAll = buffers.get("g", dataType, (long) steps * batch, 3L * hidden);
        INDArray dhpAll = buffers.get("dhp", dataType, (long) steps * batch, 3L * hidden);
        if (firstStep > 0) {
            gAll.get(interval(0, (long) firstStep * batch), all()).assign(0);
            dhpAll.get(interval(0, (long) firstStep * batch), all()).assign(0);
        }
        HostView epsView = new HostView(eps);
        HostView gView = new HostView(gAll);
        HostView dhpView = new HostView(dhpAll);
        INDArray dhpStepArr = buffers.get("dhpStep", dataType, batch, 3L * hidden);
        INDArray dhStepArr = buffers.get("dhStep", dataType, batch, hidden);
        HostView dhpStepView = new HostView(dhpStepArr);
        HostView dhStepView = new HostView(dhStepArr);

        GruKernel kernel = kernel(batch, hidden);
        double[] epsStep = new double[block];
        double[] dh = new double[block]; // dL/dh_t from later steps; nothing flows in after the last step
        double[] dhRecurrent = new double[block];
        double[] gStep = new double[gateBlock];
        double[] dhpStep = new double[gateBlock];
        double[] biasGrad = new double[3 * hidden];
        for (int t = steps - 1; t >= firstStep; t--) {
            epsView.get((long) t * block, epsStep, 0, block);
            kernel.backward(epsStep, dh, pass.h, t * block, maskAt(t),
                    pass.r, pass.z, pass.n, pass.hn, t * block, gStep, dhpStep, biasGrad);
            gView.put((long) t * gateBlock, gStep, 0, gateBlock);
            dhpView.put((long) t * gateBlock, dhpStep, 0, gateBlock);
            if (t > firstStep) {
                dhpStepView.put(0, dhpStep, 0, gateBlock);
                Nd4j.gemm(dhpStepArr, rw, dhStepArr, false, true, 1.0, 0.0);
                dhStepView.get(0, dhRecurrent, 0, block);
                for (int i = 0; i < block; i++) {
                    dh[i] += dhRecurrent[i];
                }
            }
        }

        // Weight gradients: one product over all steps each.
        INDArray x2 = buffers.get("x2", dataType, (long) steps * batch, nIn); // still this pass's input
        INDArray hPrev = buffers.get("hPrev", dataType, (long) steps * batch, hidden);
        new HostView(hPrev).put(0, pass.h, 0, steps * block); // h_0..h_{T-1}
        INDArray wGrad = gradientViews.get(GruParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rwGrad = gradientViews.get(GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray bGrad = gradientViews.get(GruParamInitializer.BIAS_KEY);
        Nd4j.gemm(x2, gAll, wGrad, true, false, 1.0, 0.0);
        Nd4j.gemm(hPrev, dhpAll, rwGrad, true, false, 1.0, 0.0);
        bGrad.assign(Nd4j.createFromArray(biasGrad).castTo(dataType).reshape(bGrad.shape()));

        // Gradient w.r.t. the input, back in DL4J's [B, nIn, T] layout.
        INDArray dx2 = buffers.get("dx2", dataType, (long) steps * batch, nIn);
        Nd4j.gemm(gAll, w, dx2, false, true, 1.0, 0.0);
        INDArray epsOut = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[]{batch, nIn, steps}, 'f');
        epsOut.assign(dx2.reshape('c', steps, batch, nIn).permute(1, 2, 0));

        Gradient gradient = new DefaultGradient(gradientsFlattened);
        gradient.gradientForVariable().put(GruParamInitializer.INPUT_WEIGHT_KEY, wGrad);
        gradient.gradientForVariable().put(GruParamInitializer.RECURRENT_WEIGHT_KEY, rwGrad);
        gradient.gradientForVariable().put(GruParamInitializer.BIAS_KEY, bGrad);

        weightNoiseParams.clear();
        pass.invalidate();
        epsOut = backpropDropOutIfPresent(permuteIfNWC(epsOut));
        return new Pair<>(gradient, epsOut);
    }
}
