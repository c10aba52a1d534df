package com.seqplay.engine.translation;

import com.seqplay.engine.layers.HostView;
import com.seqplay.engine.layers.NativeBuffers;
import com.seqplay.engine.layers.StridedGemm;
import com.seqplay.engine.layers.StridedGemm.Matrix;
import com.seqplay.engine.layers.TimeMajor;
import java.util.Arrays;
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
import org.nd4j.linalg.factory.Nd4j;

/**
 * The computation of {@link ProjectedAttentionVertex}: the same function as DL4J's one-head
 * {@code AttentionVertex} with projected inputs, written as a few matrix products.
 *
 * <p>Inputs are NCW: queries [batch, nQ, Tq], keys [batch, nK, Ts], values [batch, nV, Ts]. DL4J's
 * vertex projects each input (Q = q Wq^T, K = k Wk^T, V = v Wv^T, [T, head] per sentence), scores
 * S = Q K^T / sqrt(head) with masked source steps at -1e9, takes A = softmax of S over the source
 * steps, and outputs (A V) Wo. Since the projections are linear, the same function is
 *
 * <pre>
 *   M = Wq^T Wk  [nQ, nK],   N = Wv^T Wo  [nV, nOut]         (from the parameters alone)
 *   P = q M                                                   [Tq, nK] per sentence
 *   S = P k^T / sqrt(head) - 1e9 (1 - keyMask),  A = softmax of S over Ts
 *   out = (A v) N,  times the query mask                      [Tq, nOut]
 * </pre>
 *
 * which never projects the keys and values: on the translation model (Ts about 2.5 Tq) that takes
 * less than half the arithmetic of projecting, forward and backward. The mask is added as a large
 * negative score, as libnd4j's attention op does, so a masked source step gets weight exactly 0 in
 * double and float. The key mask is the smaller of the keys' and the values' masks, and steps where
 * the queries are masked give 0, as in DL4J's vertex.
 *
 * <p>Every sequence array is handled as a time-major row matrix [T * batch, size] whose row
 * {@code t * batch + b} is step t of sentence b: the layout our recurrent layers already produce
 * ({@link TimeMajor}), so their outputs are read without a copy, and the output is produced in it
 * (the input gradients are 'c'-ordered, see {@link #doBackward}). Products over all rows are single
 * BLAS calls, the per-sentence ones (scores, mixing) one small call per sentence on its rows, which
 * lie {@code batch} rows apart ({@link Matrix#sequence}); all go straight to BLAS ({@link
 * StridedGemm}), the weights and their gradients in place inside the flat parameter arrays. The
 * softmax and the masks are Java loops.
 * Intermediate results live in {@link NativeBuffers} reused from batch to batch, outside the
 * workspaces, so that what the backward pass needs survives the forward pass.
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
    /** Keys and values prepared once for step-by-step decoding; null when none are pinned. */
    private Pinned pinned;
    /** How many forward passes used {@link #pinned} (read by tests). */
    private long pinnedUses;
    private final NativeBuffers scratch = new NativeBuffers();

    /** One keys-and-values input as time-major rows, and M and N for the parameters at pinning time. */
    private record Pinned(INDArray source, INDArray rows, INDArray m, INDArray n) {}

    /**
     * The forward pass's intermediate results: time-major rows of the inputs (views of the inputs
     * when they are time-major, else copies), M, N, P, the attention weights ([batch * Tq, Ts], rows
     * sentence by sentence, also as {@code weightRows} in native memory), the mixed values A v
     * ([Tq * batch, nV]), the query mask or null.
     */
    private record Saved(int batch, int tq, int ts, INDArray queryRows, INDArray keyRows, INDArray valueRows,
                         INDArray m, INDArray n, INDArray p, double[] weights, INDArray weightRows,
                         INDArray mixed, double[] queryMask) {}

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

    private double scale() {
        return 1.0 / Math.sqrt(config.getHeadSize());
    }

    private int nOut() {
        return Math.toIntExact(config.getNOut());
    }

    /** Wq, Wk, Wv: [1, head, n] → [head, n]; Wo: [head, nOut]; a view into the flat array. */
    private static Matrix matrix(Map<String, INDArray> table, String key) {
        INDArray w = table.get(key);
        INDArray w2 = w.rank() == 3 ? w.reshape(w.size(1), w.size(2)) : w;
        if (w2.data().address() != w.data().address()) {
            // a copy would silently lose the gradients written into it
            throw new IllegalStateException("parameter " + key + " cannot be viewed as a matrix without a copy");
        }
        return Matrix.of(w2);
    }

    private Matrix weight(String key) {
        return matrix(paramTable, key);
    }

    /** left^T right for two parameter matrices with the same first dimension (head). */
    private INDArray parameterProduct(INDArray target, String left, String right) {
        StridedGemm.multiply(weight(left), true, weight(right), false, Matrix.of(target), 0.0);
        return target;
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray queries = inputs[0];
        DataType type = queries.dataType();
        int batch = Math.toIntExact(queries.size(0));
        int tq = Math.toIntExact(queries.size(2));
        int ts = Math.toIntExact(inputs[1].size(2));
        long nK = config.getNInKeys();
        long nV = config.getNInValues();
        INDArray out = TimeMajor.create(workspaceMgr, ArrayType.ACTIVATIONS, type, batch, nOut(), tq);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray queryRows = rows("queryRows", queries);
            INDArray keyRows;
            INDArray valueRows;
            INDArray m;
            INDArray n;
            if (!training && pinned != null && inputs[1] == pinned.source() && inputs[2] == pinned.source()) {
                keyRows = pinned.rows();
                valueRows = pinned.rows();
                m = pinned.m();
                n = pinned.n();
                pinnedUses++;
            } else {
                keyRows = rows("keyRows", inputs[1]);
                valueRows = inputs[2] == inputs[1] ? keyRows : rows("valueRows", inputs[2]);
                m = parameterProduct(scratch.get("m", type, config.getNInQueries(), nK), "Wq", "Wk");
                n = parameterProduct(scratch.get("n", type, nV, nOut()), "Wv", "Wo");
            }
            if (keyRows.rows() != (long) ts * batch) {
                throw new IllegalStateException("attention vertex " + vertexName + ": queries for " + batch
                        + " sentences, keys for " + keyRows.rows() / Math.max(1, ts) + " of " + ts + " steps");
            }
            INDArray p = scratch.get("p", type, (long) tq * batch, nK);
            StridedGemm.multiply(Matrix.of(queryRows), false, Matrix.of(m), false, Matrix.of(p), 0.0);
            INDArray weightRows = scratch.get("weights", type, (long) batch * tq, ts);
            Matrix pm = Matrix.of(p);
            Matrix keys = Matrix.of(keyRows);
            Matrix weightMatrix = Matrix.of(weightRows);
            for (int b = 0; b < batch; b++) {
                StridedGemm.multiply(pm.sequence(b, batch), false, keys.sequence(b, batch), true,
                        weightMatrix.block(b, batch), 0.0);
            }
            double[] weights = new double[batch * tq * ts];
            HostView weightView = new HostView(weightRows);
            weightView.get(0, weights, 0, weights.length);
            softmax(weights, keyMask(batch, ts), batch, tq, ts, scale());
            weightView.put(0, weights, 0, weights.length);
            INDArray mixed = scratch.get("mixed", type, (long) tq * batch, nV);
            Matrix values = valueRows == keyRows ? keys : Matrix.of(valueRows);
            Matrix mixedMatrix = Matrix.of(mixed);
            for (int b = 0; b < batch; b++) {
                StridedGemm.multiply(weightMatrix.block(b, batch), false, values.sequence(b, batch), false,
                        mixedMatrix.sequence(b, batch), 0.0);
            }
            INDArray outRows = TimeMajor.rowsOrNull(out);
            INDArray target = outRows != null ? outRows : scratch.get("out", type, (long) tq * batch, nOut());
            StridedGemm.multiply(Matrix.of(mixed), false, Matrix.of(n), false, Matrix.of(target), 0.0);
            double[] queryMask = queryMask(batch, tq);
            if (queryMask != null) {
                maskRows(target, queryMask, batch, tq);
            }
            if (outRows == null) {
                out.permute(2, 0, 1).assign(target.reshape('c', tq, batch, nOut()));
            }
            saved = training ? new Saved(batch, tq, ts, queryRows, keyRows, valueRows, m, n, p, weights, weightRows,
                    mixed, queryMask) : null;
        }
        return out;
    }

    /** {@code ncw} as time-major rows: a view when it is laid out so, else a copy in scratch {@code name}. */
    private INDArray rows(String name, INDArray ncw) {
        INDArray rows = TimeMajor.rowsOrNull(ncw);
        return rows != null ? rows : copyRows(name, ncw);
    }

    private INDArray copyRows(String name, INDArray ncw) {
        INDArray rows = scratch.get(name, ncw.dataType(), ncw.size(2) * ncw.size(0), ncw.size(1));
        rows.reshape('c', ncw.size(2), ncw.size(0), ncw.size(1)).assign(ncw.permute(2, 0, 1));
        return rows;
    }

    /**
     * In place: scores [batch * Tq, Ts] → softmax over each row of scale * score plus the masked
     * steps' penalty; row {@code b * tq + t} is step t of sentence b.
     */
    private static void softmax(double[] scores, double[] keyMask, int batch, int tq, int ts, double scale) {
        for (int row = 0; row < batch * tq; row++) {
            int from = row * ts;
            int maskFrom = (row / tq) * ts;
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < ts; s++) {
                double x = scores[from + s] * scale;
                if (keyMask != null) {
                    x += (1.0 - keyMask[maskFrom + s]) * MASKED_SCORE;
                }
                scores[from + s] = x;
                max = Math.max(max, x);
            }
            double sum = 0;
            for (int s = 0; s < ts; s++) {
                double e = Math.exp(scores[from + s] - max);
                scores[from + s] = e;
                sum += e;
            }
            for (int s = 0; s < ts; s++) {
                scores[from + s] /= sum;
            }
        }
    }

    /** Multiplies row {@code t * batch + b} of time-major {@code rows} by mask[b][t] where that is not 1. */
    private static void maskRows(INDArray rows, double[] mask, int batch, int steps) {
        int width = Math.toIntExact(rows.columns());
        HostView view = new HostView(rows);
        double[] row = new double[width];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                double m = mask[b * steps + t];
                if (m == 1.0) {
                    continue;
                }
                long from = ((long) t * batch + b) * width;
                if (m == 0.0) {
                    Arrays.fill(row, 0.0);
                } else {
                    view.get(from, row, 0, width);
                    for (int i = 0; i < width; i++) {
                        row[i] *= m;
                    }
                }
                view.put(from, row, 0, width);
            }
        }
    }

    /**
     * Projects {@code keysAndValues} (NCW, used as both keys and values) once; inference passes that
     * get this same array as keys and values then reuse the projections instead of recomputing them
     * at every decoding step. The parameters must not change until {@link #unpinKeys}.
     */
    void pinKeys(INDArray keysAndValues) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            DataType type = keysAndValues.dataType();
            INDArray rows = TimeMajor.rowsOrNull(keysAndValues);
            if (rows == null) {
                rows = Nd4j.createUninitialized(type, new long[]{keysAndValues.size(2) * keysAndValues.size(0),
                        keysAndValues.size(1)}, 'c');
                rows.reshape('c', keysAndValues.size(2), keysAndValues.size(0), keysAndValues.size(1))
                        .assign(keysAndValues.permute(2, 0, 1));
            }
            INDArray m = Nd4j.createUninitialized(type, new long[]{config.getNInQueries(), config.getNInKeys()}, 'c');
            INDArray n = Nd4j.createUninitialized(type, new long[]{config.getNInValues(), nOut()}, 'c');
            pinned = new Pinned(keysAndValues, rows, parameterProduct(m, "Wq", "Wk"), parameterProduct(n, "Wv", "Wo"));
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
        int batch = s.batch();
        int tq = s.tq();
        int ts = s.ts();
        DataType type = s.p().dataType();
        long nQ = config.getNInQueries();
        long nK = config.getNInKeys();
        long nV = config.getNInValues();
        // The input gradients are 'c'-ordered [batch, size, T], not time-major: DL4J adds the gradients
        // of an output that feeds several vertices (here keys and values are one array, also read by
        // LastTimeStepVertex), and libnd4j's add takes 2.4 ms on two time-major [64, 128, 27] arrays
        // against 0.04 ms on two 'c' ones (measured here).
        INDArray[] inputGradients = {
            workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type, new long[]{batch, nQ, tq}, 'c'),
            workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type, new long[]{batch, nK, ts}, 'c'),
            workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, type, new long[]{batch, nV, ts}, 'c')};
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray outRows; // [Tq * batch, nOut]
            if (s.queryMask() != null) {
                outRows = copyRows("outGradient", epsilon);
                maskRows(outRows, s.queryMask(), batch, tq);
            } else {
                outRows = rows("outGradient", epsilon);
            }
            // out = mixed N
            INDArray dn = scratch.get("dN", type, nV, nOut());
            StridedGemm.multiply(Matrix.of(s.mixed()), true, Matrix.of(outRows), false, Matrix.of(dn), 0.0);
            INDArray dMixed = scratch.get("dMixed", type, (long) tq * batch, nV);
            StridedGemm.multiply(Matrix.of(outRows), false, Matrix.of(s.n()), true, Matrix.of(dMixed), 0.0);
            // mixed_b = A_b values_b
            INDArray dScores = scratch.get("dScores", type, (long) batch * tq, ts);
            Matrix dMixedMatrix = Matrix.of(dMixed);
            Matrix values = Matrix.of(s.valueRows());
            Matrix dScoreMatrix = Matrix.of(dScores);
            Matrix weightMatrix = Matrix.of(s.weightRows());
            Matrix dValues = sentenceBlocks(inputGradients[2]);
            for (int b = 0; b < batch; b++) {
                Matrix dMixedB = dMixedMatrix.sequence(b, batch);
                StridedGemm.multiply(dMixedB, false, values.sequence(b, batch), true, dScoreMatrix.block(b, batch), 0.0);
                // the gradient of sentence b's values, transposed ([nV, Ts]) as its 'c' layout wants
                StridedGemm.multiply(dMixedB, true, weightMatrix.block(b, batch), false, dValues.block(b, batch), 0.0);
            }
            // softmax backward, row by row: dS = A * (dA - sum(A * dA)), times the scores' scale
            double[] d = new double[batch * tq * ts];
            HostView dScoreView = new HostView(dScores);
            dScoreView.get(0, d, 0, d.length);
            softmaxBackward(s.weights(), d, batch * tq, ts, scale());
            dScoreView.put(0, d, 0, d.length);
            // S_b = P_b keys_b^T
            INDArray dp = scratch.get("dP", type, (long) tq * batch, nK);
            Matrix keys = Matrix.of(s.keyRows());
            Matrix dpMatrix = Matrix.of(dp);
            Matrix pm = Matrix.of(s.p());
            Matrix dKeys = sentenceBlocks(inputGradients[1]);
            for (int b = 0; b < batch; b++) {
                Matrix dScoresB = dScoreMatrix.block(b, batch);
                StridedGemm.multiply(dScoresB, false, keys.sequence(b, batch), false, dpMatrix.sequence(b, batch), 0.0);
                StridedGemm.multiply(pm.sequence(b, batch), true, dScoresB, false, dKeys.block(b, batch), 0.0);
            }
            // P = queries M: one product over all rows, then into the 'c' layout
            INDArray dQueryRows = scratch.get("dQueries", type, (long) tq * batch, nQ);
            StridedGemm.multiply(Matrix.of(dp), false, Matrix.of(s.m()), true, Matrix.of(dQueryRows), 0.0);
            inputGradients[0].assign(dQueryRows.reshape('c', tq, batch, nQ).permute(1, 2, 0));
            INDArray dm = scratch.get("dM", type, nQ, nK);
            StridedGemm.multiply(Matrix.of(s.queryRows()), true, Matrix.of(dp), false, Matrix.of(dm), 0.0);
            // M = Wq^T Wk, N = Wv^T Wo
            StridedGemm.multiply(weight("Wk"), false, Matrix.of(dm), true, matrix(gradientTable, "Wq"), 0.0);
            StridedGemm.multiply(weight("Wq"), false, Matrix.of(dm), false, matrix(gradientTable, "Wk"), 0.0);
            StridedGemm.multiply(weight("Wo"), false, Matrix.of(dn), true, matrix(gradientTable, "Wv"), 0.0);
            StridedGemm.multiply(weight("Wv"), false, Matrix.of(dn), false, matrix(gradientTable, "Wo"), 0.0);
        }
        Gradient gradient = new DefaultGradient(gradientsView);
        for (String key : paramKeys) {
            gradient.setGradientFor(key, gradientTable.get(key));
        }
        return new Pair<>(gradient, inputGradients);
    }

    /** A 'c' [batch, size, T] array as [batch * size, T]: block b is sentence b's [size, T] matrix. */
    private static Matrix sentenceBlocks(INDArray ncw) {
        return Matrix.of(ncw.reshape('c', ncw.size(0) * ncw.size(1), ncw.size(2)));
    }

    private static void softmaxBackward(double[] a, double[] d, int rows, int ts, double scale) {
        for (int row = 0; row < rows; row++) {
            int from = row * ts;
            double dot = 0;
            for (int s = 0; s < ts; s++) {
                dot += a[from + s] * d[from + s];
            }
            for (int s = 0; s < ts; s++) {
                d[from + s] = a[from + s] * (d[from + s] - dot) * scale;
            }
        }
    }

    /** The smaller of the keys' and values' masks, [batch][Ts] flattened, or null when neither is set. */
    private double[] keyMask(int batch, int ts) {
        if (maskArrays == null) {
            return null;
        }
        double[] keys = flatMask(maskArrays[1], batch, ts, "keys");
        double[] values = maskArrays[2] == maskArrays[1] ? keys : flatMask(maskArrays[2], batch, ts, "values");
        if (keys == null || values == null) {
            return keys == null ? values : keys;
        }
        if (keys != values) {
            for (int i = 0; i < keys.length; i++) {
                keys[i] = Math.min(keys[i], values[i]);
            }
        }
        return keys;
    }

    private double[] queryMask(int batch, int tq) {
        return maskArrays == null ? null : flatMask(maskArrays[0], batch, tq, "queries");
    }

    private double[] flatMask(INDArray mask, int batch, int steps, String input) {
        if (mask == null) {
            return null;
        }
        if (mask.rank() != 2 || mask.size(0) != batch || mask.size(1) != steps) {
            throw new IllegalStateException("attention vertex " + vertexName + ": the mask of the " + input
                    + " has shape " + Arrays.toString(mask.shape()) + ", expected [" + batch + ", " + steps + "]");
        }
        return mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
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
