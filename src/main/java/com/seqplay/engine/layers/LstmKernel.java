package com.seqplay.engine.layers;

import java.util.Arrays;

/**
 * LSTM gate arithmetic (see {@link FusedLstm} for the equations) in DL4J's gate order: the 4H
 * columns of a pre-activation row are [block input a | forget f | output o | input gate i].
 */
final class LstmKernel implements CellKernel {

    private final ScalarActivation act;
    private final ScalarActivation gate;

    private int batch;
    private int hidden;
    private int block;
    private boolean keepAll;

    /** States h_0..h_T and c_0..c_T, [T+1][B][H] (2 recycled blocks outside training). */
    private double[] h = new double[0];
    private double[] c = new double[0];
    /** Per step: gates a, f, o, i and act(c'), [T][B][H] (1 recycled block outside training). */
    private double[] ga = new double[0];
    private double[] gf = new double[0];
    private double[] go = new double[0];
    private double[] gi = new double[0];
    private double[] tc = new double[0];
    private int lastBlock;

    private double[] dh = new double[0];
    private double[] dc = new double[0];

    LstmKernel(ScalarActivation act, ScalarActivation gate) {
        this.act = act;
        this.gate = gate;
    }

    @Override
    public int gates() {
        return 4;
    }

    @Override
    public int stateCount() {
        return 2;
    }

    @Override
    public void prepare(int batch, int hidden, int steps, boolean keepAll) {
        this.batch = batch;
        this.hidden = hidden;
        this.block = batch * hidden;
        this.keepAll = keepAll;
        int stateLen = (keepAll ? steps + 1 : 2) * block;
        int cacheLen = (keepAll ? steps : 1) * block;
        if (h.length < stateLen) {
            h = new double[stateLen];
            c = new double[stateLen];
        }
        if (ga.length < cacheLen) {
            ga = new double[cacheLen];
            gf = new double[cacheLen];
            go = new double[cacheLen];
            gi = new double[cacheLen];
            tc = new double[cacheLen];
        }
        if (dh.length != block) {
            dh = new double[block];
            dc = new double[block];
        }
        lastBlock = 0;
    }

    @Override
    public void initialState(double[][] states) {
        copyOrZero(states == null ? null : states[0], h);
        copyOrZero(states == null || states.length < 2 ? null : states[1], c);
    }

    private void copyOrZero(double[] src, double[] dst) {
        if (src == null) {
            Arrays.fill(dst, 0, block, 0.0);
        } else {
            System.arraycopy(src, 0, dst, 0, block);
        }
    }

    private int stateOffset(int t) {
        return keepAll ? t * block : (t & 1) * block;
    }

    /**
     * One step, arranged as short loops over contiguous blocks of H values (activations applied in
     * place to whole gate blocks, no branch inside a loop) so that C2 can run them as SIMD code; the
     * arithmetic per element is the same as in the plain one-loop formulation, in the same order.
     */
    @Override
    public void forward(int t, int from, int to, double[] pre, double[] hp, double[] mask, double[] hOut, double[] out) {
        final int hs = hidden;
        final int prev = stateOffset(t);
        final int next = stateOffset(t + 1);
        final int cache = keepAll ? t * block : 0;
        for (int b = from; b < to; b++) {
            final int row = b * 4 * hs;
            final int st = b * hs;
            final int k = cache + st;
            final double m = mask == null ? 1.0 : mask[b];
            if (m == 0.0) {
                // A padded step only carries the state (what the masked formulas below give
                // exactly); its pre-activations may not even have been computed (see
                // FusedRecurrentImpl's idle rows), so they are not read, and no cache is written:
                // the backward step of this row skips it too.
                System.arraycopy(h, prev + st, h, next + st, hs);
                System.arraycopy(c, prev + st, c, next + st, hs);
                System.arraycopy(h, prev + st, hOut, st, hs);
                Arrays.fill(out, st, st + hs, 0.0);
                continue;
            }
            System.arraycopy(pre, row, ga, k, hs);
            act.applyInPlace(ga, k, hs);
            System.arraycopy(pre, row + hs, gf, k, hs);
            gate.applyInPlace(gf, k, hs);
            System.arraycopy(pre, row + 2 * hs, go, k, hs);
            gate.applyInPlace(go, k, hs);
            System.arraycopy(pre, row + 3 * hs, gi, k, hs);
            gate.applyInPlace(gi, k, hs);
            // c' = f c_{t-1} + i a goes to tc until act turns it into act(c'); the state keeps c'
            // (blended with c_{t-1} where masked).
            for (int j = 0; j < hs; j++) {
                tc[k + j] = gf[k + j] * c[prev + st + j] + gi[k + j] * ga[k + j];
            }
            if (m == 1.0) {
                System.arraycopy(tc, k, c, next + st, hs);
            } else {
                for (int j = 0; j < hs; j++) {
                    c[next + st + j] = m * tc[k + j] + (1.0 - m) * c[prev + st + j];
                }
            }
            act.applyInPlace(tc, k, hs);
            if (m == 1.0) {
                for (int j = 0; j < hs; j++) {
                    double hNew = go[k + j] * tc[k + j];
                    h[next + st + j] = hNew;
                    hOut[st + j] = hNew;
                    out[st + j] = hNew;
                }
            } else {
                for (int j = 0; j < hs; j++) {
                    double hNew = m * (go[k + j] * tc[k + j]) + (1.0 - m) * h[prev + st + j];
                    h[next + st + j] = hNew;
                    hOut[st + j] = hNew;
                    out[st + j] = m * hNew;
                }
            }
        }
        lastBlock = next;
    }

    @Override
    public void beginBackward() {
        Arrays.fill(dh, 0.0);
        Arrays.fill(dc, 0.0);
    }

    @Override
    public void backward(int t, int from, int to, double[] eps, double[] mask, double[] g, double[] dhp, double[] biasGrad) {
        final int hs = hidden;
        final int prev = t * block;
        final int cache = t * block;
        for (int b = from; b < to; b++) {
            final int row = b * 4 * hs;
            final int st = b * hs;
            final double m = mask == null ? 1.0 : mask[b];
            if (m == 0.0) {
                // no gradient enters the gates of a padded step; dh and dc pass through unchanged
                Arrays.fill(g, row, row + 4 * hs, 0.0);
                continue;
            }
            for (int j = 0; j < hs; j++) {
                int k = cache + st + j;
                double a = ga[k];
                double f = gf[k];
                double o = go[k];
                double i = gi[k];
                double tcj = tc[k];
                double cPrev = c[prev + st + j];
                // output_t = m h_t and h_t = m h' + (1 - m) h_{t-1} (the same for c)
                double dState = m * eps[st + j] + dh[st + j];
                double dCarry = dc[st + j];
                double dhNew = m * dState;
                double dcNew = m * dCarry + dhNew * o * act.derivativeFromOutput(tcj);
                double dAo = dhNew * tcj * gate.derivativeFromOutput(o);
                double dAi = dcNew * a * gate.derivativeFromOutput(i);
                double dAa = dcNew * i * act.derivativeFromOutput(a);
                double dAf = dcNew * cPrev * gate.derivativeFromOutput(f);
                g[row + j] = dAa;
                g[row + hs + j] = dAf;
                g[row + 2 * hs + j] = dAo;
                g[row + 3 * hs + j] = dAi;
                biasGrad[j] += dAa;
                biasGrad[hs + j] += dAf;
                biasGrad[2 * hs + j] += dAo;
                biasGrad[3 * hs + j] += dAi;
                dh[st + j] = (1.0 - m) * dState;
                dc[st + j] = dcNew * f + (1.0 - m) * dCarry;
            }
        }
    }

    @Override
    public double[] dh() {
        return dh;
    }

    @Override
    public double[][] finalStates() {
        return new double[][]{
                Arrays.copyOfRange(h, lastBlock, lastBlock + block),
                Arrays.copyOfRange(c, lastBlock, lastBlock + block)};
    }

    @Override
    public void release() {
        h = new double[0];
        c = new double[0];
        ga = new double[0];
        gf = new double[0];
        go = new double[0];
        gi = new double[0];
        tc = new double[0];
        dh = new double[0];
        dc = new double[0];
    }
}
