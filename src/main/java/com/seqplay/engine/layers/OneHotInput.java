package com.seqplay.engine.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An input whose rows are one-hot (the characters and tokens Seqplay's tasks feed a first
 * recurrent layer): each row holds a single 1 and zeros, or only zeros (padding). For such rows
 * the input projection x·W + b is row {@code hot} of W plus b, and the weight gradient
 * dW = xᵀ·dG adds each step's gate gradients to row {@code hot} of dW; a fused layer then does
 * both as additions in its step loop instead of two products over all steps (whose arithmetic is
 * all multiplications by 0 or 1). Padding rows cost nothing there. The results equal the products'
 * up to the order of additions.
 *
 * <p>Finding out takes one pass over the input that stops at the first value other than 0 or 1,
 * so a dense input (a second layer, the decoder's input with its context) costs almost nothing.
 */
final class OneHotInput {

    /** Rows read per bulk copy while scanning. */
    private static final int SCAN_ROWS = 256;

    private static volatile boolean enabled = true;

    /** Per input row (t, b): the column of its 1, or -1 for an all-zero row. */
    private final int[] hot;
    /** W by input column: {@code weights[i * G·H + j]} = W[i, j]. */
    private final double[] weights;
    private final double[] bias;
    private final int gh;

    private OneHotInput(int[] hot, double[] weights, double[] bias, int gh) {
        this.hot = hot;
        this.weights = weights;
        this.bias = bias;
        this.gh = gh;
    }

    /** Tests switch the shortcut off to compare it with the products. */
    static void setEnabled(boolean on) {
        enabled = on;
    }

    /**
     * The one-hot view of {@code rows} ([T·B, nIn], dense row-major), or null when some row is not
     * one-hot (or all zero) or the array is not laid out for a bulk read.
     *
     * @param wT   the layer's Wᵀ for this pass, [G·H, nIn] dense row-major (the layer's own copy)
     * @param bias the layer's bias, [1, G·H]
     */
    static OneHotInput find(INDArray rows, INDArray wT, INDArray bias) {
        if (!enabled || !Gemm.isRowMajorFromStart(rows) || rows.columns() < 2 || !Gemm.isRowMajorFromStart(wT)) {
            return null;
        }
        int[] hot = scan(rows);
        if (hot == null) {
            return null;
        }
        int gh = Math.toIntExact(wT.rows());
        int nIn = Math.toIntExact(wT.columns());
        double[] t = new double[gh * nIn];
        new HostView(wT).get(0, t, 0, t.length);
        double[] weights = new double[nIn * gh];
        for (int j = 0; j < gh; j++) {
            for (int i = 0; i < nIn; i++) {
                weights[i * gh + j] = t[j * nIn + i];
            }
        }
        return new OneHotInput(hot, weights, bias.toDoubleVector(), gh);
    }

    private static int[] scan(INDArray rows) {
        int count = Math.toIntExact(rows.rows());
        int n = Math.toIntExact(rows.columns());
        HostView view = new HostView(rows);
        int[] hot = new int[count];
        double[] chunk = new double[Math.min(count, SCAN_ROWS) * n];
        // the first row alone first: a dense input (a decoding step's input with its context) is
        // then refused after reading one row, not a whole chunk
        for (int r0 = 0, len = 1; r0 < count; r0 += len, len = Math.min(SCAN_ROWS, count - r0)) {
            view.get((long) r0 * n, chunk, 0, len * n);
            for (int r = 0; r < len; r++) {
                int found = -1;
                for (int j = r * n, end = j + n; j < end; j++) {
                    double v = chunk[j];
                    if (v != 0.0) {
                        if (v != 1.0 || found >= 0) {
                            return null;
                        }
                        found = j - r * n;
                    }
                }
                hot[r0 + r] = found;
            }
        }
        return hot;
    }

    /** Adds x·W + b of input row {@code row} to {@code pre} at {@code offset} (G·H values). */
    void addProjection(int row, double[] pre, int offset) {
        int i = hot[row];
        for (int j = 0; j < gh; j++) {
            pre[offset + j] += bias[j];
        }
        if (i >= 0) {
            int w = i * gh;
            for (int j = 0; j < gh; j++) {
                pre[offset + j] += weights[w + j];
            }
        }
    }

    /** A zeroed accumulator for dW by input column ([nIn][G·H] flat), for {@link #addGradient}. */
    double[] newGradient() {
        return new double[weights.length];
    }

    /** Adds the gate gradients of input row {@code row} ({@code g} at {@code offset}) to its row of dW. */
    void addGradient(int row, double[] g, int offset, double[] dW) {
        int i = hot[row];
        if (i < 0) {
            return;
        }
        int w = i * gh;
        for (int j = 0; j < gh; j++) {
            dW[w + j] += g[offset + j];
        }
    }

    /** Sums the accumulators and writes them as dWᵀ ([G·H, nIn] row-major) into {@code dwT}. */
    void writeGradient(double[][] parts, INDArray dwT) {
        double[] sum = parts[0];
        for (int p = 1; p < parts.length; p++) {
            for (int x = 0; x < sum.length; x++) {
                sum[x] += parts[p][x];
            }
        }
        int nIn = sum.length / gh;
        double[] t = new double[sum.length];
        for (int i = 0; i < nIn; i++) {
            for (int j = 0; j < gh; j++) {
                t[j * nIn + i] = sum[i * gh + j];
            }
        }
        new HostView(dwT).put(0, t, 0, t.length);
    }
}
