package com.seqplay.engine.translation;

import com.seqplay.engine.layers.HostView;
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
 * <p>Inputs are NCW: queries [batch, nQ, Tq], keys [batch, nK, Ts], values [batch, nV, Ts]. Inside,
 * every sequence array is a time-major row matrix [T * batch, size] whose row {@code t * batch + b}
 * is step t of sentence b: the layout our recurrent layers already produce ({@link TimeMajor}), so
 * their outputs are read without a copy, and the output and input gradients are produced in it.
 * The projections are single products over all rows; the per-sentence products (scores, mix of
 * values) are one small product per sentence on its rows, which lie {@code batch} rows apart
 * ({@link Matrix#sequence}):
 *
 * <pre>
 *   Q = q Wq^T,  K = k Wk^T,  V = v Wv^T                  [T * batch, head]
 *   S_b = Q_b K_b^T / sqrt(head) - 1e9 (1 - keyMask_b)    [Tq, Ts] per sentence b
 *   A_b = softmax of S_b over the source steps Ts
 *   out = (A V) Wo,  times the query mask                  [Tq * batch, nOut] = time-major [batch, nOut, Tq]
 * </pre>
 *
 * The mask is added as a large negative score, as libnd4j's attention op does, so a masked source
 * step gets weight exactly 0 in double and float. The key mask is the smaller of the keys' and the
 * values' masks, and steps where the queries are masked give 0, as in DL4J's vertex. The softmax and
 * the masks are plain Java loops over the [batch * Tq, Ts] scores; the products call BLAS directly
 * on the arrays ({@link StridedGemm}), weights and their gradients in place inside the flat parameter
 * arrays. Intermediate results live in {@link ScratchArrays} reused from batch to batch, outside the
 * workspaces, so that what the backward pass needs survives the forward pass.
 */
final class ProjectedAttention extends BaseGraphVertex {
    /** Added to the scores of masked source steps. */
    private static final double MASKED_SCORE = -1e9;
    private static final String[] PROJECTIONS = {"Wq", "Wk", "Wv"};

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
    private final ScratchArrays scratch = new ScratchArrays();

    /** Projections of one keys-and-values input: k and v, time-major rows [Ts * batch, head]. */
    private record Pinned(INDArray source, INDArray k, INDArray v) {}

    /**
     * The forward pass's intermediate results: time-major rows of the inputs (views of the inputs
     * when they are time-major, else scratch copies) and projections, the attention weights
     * ([batch * Tq, Ts], rows sentence by sentence), the context rows, the query mask or null.
     */
    private record Saved(int batch, int tq, int ts, INDArray queryRows, INDArray keyRows, INDArray valueRows,
                         INDArray q, INDArray k, INDArray v, double[] weights, INDArray context,
                         double[] queryMask) {}

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

    private int head() {
        return Math.toIntExact(config.getHeadSize());
    }

    private int nOut() {
        return Math.toIntExact(config.getNOut());
    }

    /** Wq, Wk, Wv: [1, head, n] → [head, n]; Wo: [head, nOut]; a view into the flat array. */
    private static Matrix matrix(Map<String, INDArray> table, String key) {
        INDArray w = table.get(key);
        return Matrix.of(w.rank() == 3 ? w.reshape(w.size(1), w.size(2)) : w);
    }

    private Matrix weight(String key) {
        return matrix(paramTable, key);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray queries = inputs[0];
        DataType type = queries.dataType();
        int batch = Math.toIntExact(queries.size(0));
        int tq = Math.toIntExact(queries.size(2));
        int ts = Math.toIntExact(inputs[1].size(2));
        int head = head();
        INDArray out = TimeMajor.create(workspaceMgr, ArrayType.ACTIVATIONS, type, batch, nOut(), tq);
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray queryRows = rows("queryRows", queries);
            INDArray q = project("q", queryRows, "Wq");
            INDArray keyRows = null;
            INDArray valueRows = null;
            INDArray k;
            INDArray v;
            if (!training && pinned != null && inputs[1] == pinned.source() && inputs[2] == pinned.source()) {
                k = pinned.k();
                v = pinned.v();
                pinnedUses++;
            } else {
                keyRows = rows("keyRows", inputs[1]);
                valueRows = inputs[2] == inputs[1] ? keyRows : rows("valueRows", inputs[2]);
                k = project("k", keyRows, "Wk");
                v = project("v", valueRows, "Wv");
            }
            if (k.rows() != (long) ts * batch) {
                throw new IllegalStateException("attention vertex " + vertexName + ": queries for " + batch
                        + " sentences, keys for " + k.rows() / Math.max(1, ts) + " of " + ts + " steps");
            }
            INDArray scores = scratch.matrix("weights", type, (long) batch * tq, ts);
            for (int b = 0; b < batch; b++) {
                StridedGemm.multiply(Matrix.of(q).sequence(b, batch), false, Matrix.of(k).sequence(b, batch), true,
                        Matrix.of(scores).block(b, batch), 0.0);
            }
            double[] weights = new double[batch * tq * ts];
            HostView scoreView = new HostView(scores);
            scoreView.get(0, weights, 0, weights.length);
            softmax(weights, keyMask(batch, ts), batch, tq, ts, 1.0 / Math.sqrt(head));
            scoreView.put(0, weights, 0, weights.length);
            INDArray context = scratch.matrix("context", type, (long) tq * batch, head);
            for (int b = 0; b < batch; b++) {
                StridedGemm.multiply(Matrix.of(scores).block(b, batch), false, Matrix.of(v).sequence(b, batch), false,
                        Matrix.of(context).sequence(b, batch), 0.0);
            }
            INDArray outRows = TimeMajor.rowsOrNull(out);
            INDArray target = outRows != null ? outRows : scratch.matrix("out", type, (long) tq * batch, nOut());
            StridedGemm.multiply(Matrix.of(context), false, weight("Wo"), false, Matrix.of(target), 0.0);
            double[] queryMask = queryMask(batch, tq);
            if (queryMask != null) {
                maskRows(target, queryMask, batch, tq);
            }
            if (outRows == null) {
                out.permute(2, 0, 1).assign(target.reshape('c', tq, batch, nOut()));
            }
            saved = training ? new Saved(batch, tq, ts, queryRows, keyRows, valueRows, q, k, v, weights, context,
                    queryMask) : null;
        }
        return out;
    }

    /** {@code ncw} as time-major rows: a view when it is laid out so, else a copy in scratch {@code name}. */
    private INDArray rows(String name, INDArray ncw) {
        INDArray rows = TimeMajor.rowsOrNull(ncw);
        return rows != null ? rows : copyRows(name, ncw);
    }

    private INDArray copyRows(String name, INDArray ncw) {
        INDArray rows = scratch.matrix(name, ncw.dataType(), ncw.size(2) * ncw.size(0), ncw.size(1));
        rows.reshape('c', ncw.size(2), ncw.size(0), ncw.size(1)).assign(ncw.permute(2, 0, 1));
        return rows;
    }

    /** inputRows Wkey^T into scratch {@code name}, [rows, head]. */
    private INDArray project(String name, INDArray inputRows, String key) {
        INDArray projected = scratch.matrix(name, inputRows.dataType(), inputRows.rows(), head());
        StridedGemm.multiply(Matrix.of(inputRows), false, weight(key), true, Matrix.of(projected), 0.0);
        return projected;
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
            INDArray keyRows = rows("pinnedRows", keysAndValues);
            INDArray k = Nd4j.createUninitialized(keyRows.dataType(), new long[]{keyRows.rows(), head()}, 'c');
            INDArray v = Nd4j.createUninitialized(keyRows.dataType(), new long[]{keyRows.rows(), head()}, 'c');
            StridedGemm.multiply(Matrix.of(keyRows), false, weight("Wk"), true, Matrix.of(k), 0.0);
            StridedGemm.multiply(Matrix.of(keyRows), false, weight("Wv"), true, Matrix.of(v), 0.0);
            pinned = new Pinned(keysAndValues, k, v);
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
        int head = head();
        DataType type = s.q().dataType();
        INDArray[] inputGradients = {
            TimeMajor.create(workspaceMgr, ArrayType.ACTIVATION_GRAD, type, batch, config.getNInQueries(), tq),
            TimeMajor.create(workspaceMgr, ArrayType.ACTIVATION_GRAD, type, batch, config.getNInKeys(), ts),
            TimeMajor.create(workspaceMgr, ArrayType.ACTIVATION_GRAD, type, batch, config.getNInValues(), ts)};
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray outRows; // [Tq * batch, nOut]
            if (s.queryMask() != null) {
                outRows = copyRows("outGradient", epsilon);
                maskRows(outRows, s.queryMask(), batch, tq);
            } else {
                outRows = rows("outGradient", epsilon);
            }
            StridedGemm.multiply(Matrix.of(s.context()), true, Matrix.of(outRows), false, matrix(gradientTable, "Wo"), 0.0);
            INDArray dContext = scratch.matrix("dContext", type, (long) tq * batch, head);
            StridedGemm.multiply(Matrix.of(outRows), false, weight("Wo"), true, Matrix.of(dContext), 0.0);
            INDArray dScores = scratch.matrix("dScores", type, (long) batch * tq, ts);
            INDArray weights = scratch.matrix("weights", type, (long) batch * tq, ts); // as the forward pass left it
            INDArray dv = scratch.matrix("dv", type, (long) ts * batch, head);
            for (int b = 0; b < batch; b++) {
                Matrix dContextB = Matrix.of(dContext).sequence(b, batch);
                StridedGemm.multiply(dContextB, false, Matrix.of(s.v()).sequence(b, batch), true,
                        Matrix.of(dScores).block(b, batch), 0.0);
                StridedGemm.multiply(Matrix.of(weights).block(b, batch), true, dContextB, false,
                        Matrix.of(dv).sequence(b, batch), 0.0);
            }
            // softmax backward, row by row: dS = A * (dA - sum(A * dA)), times the scores' scale
            double[] d = new double[batch * tq * ts];
            HostView dScoreView = new HostView(dScores);
            dScoreView.get(0, d, 0, d.length);
            softmaxBackward(s.weights(), d, batch * tq, ts, 1.0 / Math.sqrt(head));
            dScoreView.put(0, d, 0, d.length);
            INDArray dq = scratch.matrix("dq", type, (long) tq * batch, head);
            INDArray dk = scratch.matrix("dk", type, (long) ts * batch, head);
            for (int b = 0; b < batch; b++) {
                Matrix dScoresB = Matrix.of(dScores).block(b, batch);
                StridedGemm.multiply(dScoresB, false, Matrix.of(s.k()).sequence(b, batch), false,
                        Matrix.of(dq).sequence(b, batch), 0.0);
                StridedGemm.multiply(dScoresB, true, Matrix.of(s.q()).sequence(b, batch), false,
                        Matrix.of(dk).sequence(b, batch), 0.0);
            }
            INDArray[] dProjected = {dq, dk, dv};
            INDArray[] inputRows = {s.queryRows(), s.keyRows(), s.valueRows()};
            for (int i = 0; i < PROJECTIONS.length; i++) {
                projectBack(PROJECTIONS[i], dProjected[i], inputRows[i], inputGradients[i]);
            }
        }
        Gradient gradient = new DefaultGradient(gradientsView);
        for (String key : paramKeys) {
            gradient.setGradientFor(key, gradientTable.get(key));
        }
        return new Pair<>(gradient, inputGradients);
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

    /**
     * Fills the gradient of projection {@code key} (dW = dProjected^T inputRows) and writes the
     * gradient of its input (dProjected W) into {@code inputGradient}, time-major NCW.
     */
    private void projectBack(String key, INDArray dProjected, INDArray inputRows, INDArray inputGradient) {
        StridedGemm.multiply(Matrix.of(dProjected), true, Matrix.of(inputRows), false, matrix(gradientTable, key), 0.0);
        INDArray gradientRows = TimeMajor.rowsOrNull(inputGradient);
        INDArray target = gradientRows != null ? gradientRows
                : scratch.matrix("inputGradient", dProjected.dataType(), dProjected.rows(), inputGradient.size(1));
        StridedGemm.multiply(Matrix.of(dProjected), false, weight(key), false, Matrix.of(target), 0.0);
        if (gradientRows == null) {
            inputGradient.permute(2, 0, 1).assign(target.reshape('c', inputGradient.size(2), inputGradient.size(0),
                    inputGradient.size(1)));
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
