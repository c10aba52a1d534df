package com.seqplay.engine.translation;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.api.TrainingConfig;
import org.deeplearning4j.nn.conf.layers.samediff.SDVertexParams;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.deeplearning4j.nn.params.SameDiffParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The computation of {@link ProjectedAttentionVertex}: the same function as DL4J's one-head
 * {@code AttentionVertex} with projected inputs, written as a few matrix products.
 *
 * <p>Inputs are NCW: queries [batch, nQ, Tq], keys [batch, nK, Ts], values [batch, nV, Ts]. Inside,
 * each sequence is laid out as rows, one per step ([batch * T, size]), so the three input
 * projections and the output projection are single large products over the whole batch, and the
 * per-sentence products (scores, mix of values) are batched products over [batch, T, size]:
 *
 * <pre>
 *   Q = q Wq^T,  K = k Wk^T,  V = v Wv^T                  [batch, T, head]
 *   S = Q K^T / sqrt(head) - 1e9 (1 - keyMask)            [batch, Tq, Ts]
 *   A = softmax of S over the source steps Ts
 *   out = (A V) Wo,  times the query mask                  [batch, Tq, nOut] → NCW [batch, nOut, Tq]
 * </pre>
 *
 * The mask is added as a large negative score, as libnd4j's attention op does, so a masked source
 * step gets weight exactly 0 in double and float. The key mask is the smaller of the keys' and the
 * values' masks, and steps where the queries are masked give 0, as in DL4J's vertex. The forward pass
 * keeps what the backward pass needs outside the workspaces, like DL4J's SameDiff vertex does.
 */
final class ProjectedAttention extends BaseGraphVertex {
    /** Added to the scores of masked source steps. */
    private static final double MASKED_SCORE = -1e9;

    private final ProjectedAttentionVertex config;
    private final INDArray params;
    private final Map<String, INDArray> paramTable;
    private final List<String> paramKeys;
    private INDArray gradientsView;
    private Map<String, INDArray> gradientTable;
    private INDArray[] maskArrays;
    private Saved saved;
    /** Keys and values projected once for step-by-step decoding; null when none are pinned. */
    private Pinned pinned;
    /** How many forward passes used {@link #pinned} (read by tests). */
    private long pinnedUses;

    /** Projections of one keys-and-values input: k and v, [batch, Ts, head]. */
    private record Pinned(INDArray source, INDArray k, INDArray v) {}

    /** The forward pass's intermediate results, rows per step. */
    private record Saved(INDArray queryRows, INDArray keyRows, INDArray valueRows,
                         INDArray q, INDArray k, INDArray v, INDArray weights, INDArray context,
                         INDArray queryMask) {}

    ProjectedAttention(ProjectedAttentionVertex config, ComputationGraph graph, String name, int index,
                       INDArray paramsView, boolean initializeParams, DataType dataType) {
        super(graph, name, index, null, null, dataType);
        this.config = config;
        SDVertexParams vp = config.getVertexParams();
        this.paramKeys = vp.getParameterKeys();
        this.paramTable = SameDiffParamInitializer.getInstance()
                .subsetAndReshape(paramKeys, vp.getParamShapes(), paramsView, null, config);
        if (initializeParams) {
            config.initializeParameters(paramTable);
        }
        this.params = paramsView;
    }

    private long head() {
        return config.getHeadSize();
    }

    private INDArray weight(String key) { // Wq, Wk, Wv: [1, head, n] → [head, n]; Wo: [head, nOut]
        INDArray w = paramTable.get(key);
        return w.rank() == 3 ? w.reshape(w.size(1), w.size(2)) : w;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray queries = inputs[0];
        long batch = queries.size(0);
        long tq = queries.size(2);
        long ts = inputs[1].size(2);
        long head = head();
        INDArray out;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray queryRows = rows(queries);
            INDArray q = product(queryRows, false, weight("Wq"), true, batch * tq, head).reshape(batch, tq, head);
            INDArray keyRows = null;
            INDArray valueRows = null;
            INDArray k;
            INDArray v;
            if (!training && pinned != null && inputs[1] == pinned.source() && inputs[2] == pinned.source()) {
                k = pinned.k();
                v = pinned.v();
                pinnedUses++;
            } else {
                keyRows = rows(inputs[1]);
                valueRows = inputs[2] == inputs[1] ? keyRows : rows(inputs[2]);
                k = project("Wk", keyRows, batch, ts);
                v = project("Wv", valueRows, batch, ts);
            }
            INDArray scores = product(q, false, k, true, batch, tq, ts).muli(1.0 / Math.sqrt(head));
            INDArray keyMask = keyMask();
            if (keyMask != null) {
                INDArray penalty = keyMask.castTo(scores.dataType()).rsub(1.0).muli(MASKED_SCORE); // [batch, Ts]
                Nd4j.getExecutioner().exec(new BroadcastAddOp(scores, penalty, scores, 0, 2));
            }
            INDArray weights = scores.reshape(batch * tq, ts);
            Nd4j.exec(new SoftMax(weights, weights, 1));
            weights = weights.reshape(batch, tq, ts);
            INDArray context = product(weights, false, v, false, batch, tq, head).reshape(batch * tq, head);
            INDArray outRows = product(context, false, weight("Wo"), false, batch * tq, config.getNOut());
            out = ncw(outRows, batch, tq);
            INDArray queryMask = queryMask(out.dataType());
            if (queryMask != null) {
                Nd4j.getExecutioner().exec(new BroadcastMulOp(out, queryMask, out, 0, 2));
            }
            saved = training ? new Saved(queryRows, keyRows, valueRows, q, k, v, weights, context, queryMask) : null;
        }
        return workspaceMgr.dup(ArrayType.ACTIVATIONS, out);
    }

    private INDArray project(String key, INDArray inputRows, long batch, long steps) {
        return product(inputRows, false, weight(key), true, batch * steps, head()).reshape(batch, steps, head());
    }

    /**
     * Projects {@code keysAndValues} (NCW, used as both keys and values) once; inference passes that
     * get this same array as keys and values then reuse the projections instead of recomputing them
     * at every decoding step. The parameters must not change until {@link #unpinKeys}.
     */
    void pinKeys(INDArray keysAndValues) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long batch = keysAndValues.size(0);
            long ts = keysAndValues.size(2);
            INDArray keyRows = rows(keysAndValues);
            pinned = new Pinned(keysAndValues, project("Wk", keyRows, batch, ts), project("Wv", keyRows, batch, ts));
        }
    }

    void unpinKeys() {
        pinned = null;
    }

    long pinnedUses() {
        return pinnedUses;
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        if (saved == null) {
            throw new IllegalStateException("attention vertex " + vertexName + ": backward pass without a training forward pass");
        }
        Saved s = saved;
        long batch = s.q().size(0);
        long tq = s.q().size(1);
        long ts = s.k().size(1);
        long head = head();
        INDArray[] inputGradients = new INDArray[3];
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray outGradient = epsilon;
            if (s.queryMask() != null) {
                outGradient = epsilon.dup('c');
                Nd4j.getExecutioner().exec(new BroadcastMulOp(outGradient, s.queryMask(), outGradient, 0, 2));
            }
            INDArray outRows = rows(outGradient); // [batch * Tq, nOut]
            gradientTable.get("Wo").assign(product(s.context(), true, outRows, false, head, config.getNOut()));
            INDArray dContext = product(outRows, false, weight("Wo"), true, batch * tq, head).reshape(batch, tq, head);
            INDArray dWeights = product(dContext, false, s.v(), true, batch, tq, ts);
            INDArray dv = product(s.weights(), true, dContext, false, batch, ts, head);
            // softmax backward, row by row: dS = A * (dA - sum(A * dA))
            INDArray a = s.weights().reshape(batch * tq, ts);
            INDArray dScores = dWeights.reshape(batch * tq, ts);
            INDArray rowSums = a.mul(dScores).sum(true, 1);
            dScores.subiColumnVector(rowSums).muli(a).muli(1.0 / Math.sqrt(head));
            INDArray dS = dScores.reshape(batch, tq, ts);
            INDArray dq = product(dS, false, s.k(), false, batch, tq, head).reshape(batch * tq, head);
            INDArray dk = product(dS, true, s.q(), false, batch, ts, head).reshape(batch * ts, head);
            INDArray dvRows = dv.reshape(batch * ts, head);
            inputGradients[0] = projectBack("Wq", dq, s.queryRows(), batch, tq);
            inputGradients[1] = projectBack("Wk", dk, s.keyRows(), batch, ts);
            inputGradients[2] = projectBack("Wv", dvRows, s.valueRows(), batch, ts);
        }
        Gradient gradient = new DefaultGradient(gradientsView);
        for (String key : paramKeys) {
            gradient.setGradientFor(key, gradientTable.get(key));
        }
        for (int i = 0; i < inputGradients.length; i++) {
            inputGradients[i] = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, inputGradients[i]);
        }
        return new Pair<>(gradient, inputGradients);
    }

    /** Fills the gradient of projection {@code key} and returns the gradient of its input, NCW. */
    private INDArray projectBack(String key, INDArray dProjected, INDArray inputRows, long batch, long steps) {
        INDArray w = weight(key);
        INDArray dw = product(dProjected, true, inputRows, false, w.size(0), w.size(1));
        gradientTable.get(key).assign(dw.reshape(gradientTable.get(key).shape()));
        return ncw(product(dProjected, false, w, false, batch * steps, w.size(1)), batch, steps);
    }

    /** The smaller of the keys' and values' masks, [batch, Ts], or null when neither is set. */
    private INDArray keyMask() {
        if (maskArrays == null) {
            return null;
        }
        INDArray keys = maskArrays[1];
        INDArray values = maskArrays[2];
        if (keys == null || values == null) {
            return keys == null ? values : keys;
        }
        return keys == values ? keys : Transforms.min(keys, values, true);
    }

    private INDArray queryMask(DataType type) {
        return maskArrays == null || maskArrays[0] == null ? null : maskArrays[0].castTo(type);
    }

    /** [batch, size, T] → [batch * T, size], one row per step, a new c-ordered array. */
    private static INDArray rows(INDArray ncw) {
        return ncw.permute(0, 2, 1).dup('c').reshape(ncw.size(0) * ncw.size(2), ncw.size(1));
    }

    /** [batch * T, size] rows → [batch, size, T], a new c-ordered array. */
    private static INDArray ncw(INDArray rows, long batch, long steps) {
        return rows.reshape(batch, steps, rows.size(1)).permute(0, 2, 1).dup('c');
    }

    /** op(a) × op(b) into a new c-ordered array of the given shape; rank 3 multiplies per batch entry. */
    private static INDArray product(INDArray a, boolean transposeA, INDArray b, boolean transposeB, long... shape) {
        INDArray result = Nd4j.createUninitialized(a.dataType(), shape, 'c');
        return Nd4j.matmul(a, b, result, transposeA, transposeB, false);
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                           int minibatchSize) {
        this.maskArrays = maskArrays;
        return config.feedForwardMaskArrays(maskArrays, currentMaskState, minibatchSize);
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        SDVertexParams vp = config.getVertexParams();
        gradientsView = view;
        gradientTable = SameDiffParamInitializer.getInstance()
                .subsetAndReshape(paramKeys, vp.getParamShapes(), view, null, config);
    }

    @Override
    public void clearVertex() {
        clear();
        saved = null;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public Map<String, INDArray> paramTable(boolean backpropOnly) {
        return paramTable;
    }

    @Override
    public TrainingConfig getConfig() {
        return config;
    }

    @Override
    public INDArray params() {
        return params;
    }

    @Override
    public INDArray getGradientsViewArray() {
        return gradientsView;
    }

    @Override
    public String toString() {
        return "ProjectedAttention(" + vertexName + ")";
    }
}
