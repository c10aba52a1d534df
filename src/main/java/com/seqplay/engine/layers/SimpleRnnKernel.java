package com.seqplay.engine.layers;

import java.util.Arrays;

/** Plain RNN arithmetic, {@code h_t = act(x W + b + h_{t-1} RW)} (see {@link FusedSimpleRnn}). */
final class SimpleRnnKernel implements CellKernel {

    private final ScalarActivation act;

    private int batch;
    private int block;
    private boolean keepAll;

    /** States h_0..h_T, [T+1][B][H] (2 recycled blocks outside training). */
    private double[] h = new double[0];
    /** act(...) per step before masking, [T][B][H] (needed when a mask made h_t differ from it). */
    private double[] y = new double[0];
    private int lastBlock;
    private double[] dh = new double[0];

    SimpleRnnKernel(ScalarActivation act) {
        this.act = act;
    }

    @Override
    public int gates() {
        return 1;
    }

    @Override
    public int stateCount() {
        return 1;
    }

    @Override
    public void prepare(int batch, int hidden, int steps, boolean keepAll) {
        this.batch = batch;
        this.block = batch * hidden;
        this.keepAll = keepAll;
        int stateLen = (keepAll ? steps + 1 : 2) * block;
        int cacheLen = (keepAll ? steps : 1) * block;
        if (h.length < stateLen) {
            h = new double[stateLen];
        }
        if (y.length < cacheLen) {
            y = new double[cacheLen];
        }
        if (dh.length != block) {
            dh = new double[block];
        }
        lastBlock = 0;
    }

    @Override
    public void initialState(double[][] states) {
        if (states == null || states[0] == null) {
            Arrays.fill(h, 0, block, 0.0);
        } else {
            System.arraycopy(states[0], 0, h, 0, block);
        }
    }

    private int stateOffset(int t) {
        return keepAll ? t * block : (t & 1) * block;
    }

    @Override
    public void forward(int t, int from, int to, double[] pre, double[] hp, double[] mask, double[] hOut, double[] out) {
        final int hs = block / batch;
        final int prev = stateOffset(t);
        final int next = stateOffset(t + 1);
        final int cache = keepAll ? t * block : 0;
        // The activation applied in place to whole blocks, so that C2 can run it as SIMD code.
        // Rows from `busy` on are padded (mask 0) except perhaps some before it: the activation
        // runs on [from, busy) only, since the pre-activations of idle rows may not have been
        // computed (see FusedRecurrentImpl's idle rows).
        int busy = to;
        while (busy > from && mask != null && mask[busy - 1] == 0.0) {
            busy--;
        }
        final int rows = from * hs;
        final int len = (busy - from) * hs;
        System.arraycopy(pre, rows, y, cache + rows, len);
        act.applyInPlace(y, cache + rows, len);
        for (int b = from; b < to; b++) {
            final int st = b * hs;
            final double m = mask == null ? 1.0 : mask[b];
            if (m == 0.0) {
                // a padded step carries the state: exactly what the masked formula gives
                System.arraycopy(h, prev + st, h, next + st, hs);
                System.arraycopy(h, prev + st, hOut, st, hs);
                Arrays.fill(out, st, st + hs, 0.0);
                continue;
            }
            for (int j = 0; j < hs; j++) {
                double v = y[cache + st + j];
                double hNew = m == 1.0 ? v : m * v + (1.0 - m) * h[prev + st + j];
                h[next + st + j] = hNew;
                hOut[st + j] = hNew;
                out[st + j] = m * hNew;
            }
        }
        lastBlock = next;
    }

    @Override
    public void beginBackward() {
        Arrays.fill(dh, 0.0);
    }

    @Override
    public void backward(int t, int from, int to, double[] eps, double[] mask, double[] g, double[] dhp, double[] biasGrad) {
        final int hs = block / batch;
        final int cache = t * block;
        for (int b = from; b < to; b++) {
            final int st = b * hs;
            final double m = mask == null ? 1.0 : mask[b];
            if (m == 0.0) {
                Arrays.fill(g, st, st + hs, 0.0); // dh passes through unchanged
                continue;
            }
            for (int j = 0; j < hs; j++) {
                double dState = m * eps[st + j] + dh[st + j];
                double dA = m * dState * act.derivativeFromOutput(y[cache + st + j]);
                g[st + j] = dA;
                biasGrad[j] += dA;
                dh[st + j] = (1.0 - m) * dState;
            }
        }
    }

    @Override
    public double[] dh() {
        return dh;
    }

    @Override
    public double[][] finalStates() {
        return new double[][]{Arrays.copyOfRange(h, lastBlock, lastBlock + block)};
    }

    @Override
    public void release() {
        h = new double[0];
        y = new double[0];
        dh = new double[0];
    }
}
