package com.seqplay.engine.layers;

import java.util.Arrays;

/**
 * The GRU as a {@link CellKernel}: state and caches for {@link GruKernel}'s step arithmetic. The
 * GRU keeps its recurrent projection apart from the input one ({@link #separateRecurrent()}),
 * because the candidate gate applies the reset gate to h·Un ("reset after").
 */
final class GruCellKernel implements CellKernel {

    private final ScalarActivation act;
    private final ScalarActivation gate;
    private final GruForwardPass pass = new GruForwardPass();
    private GruKernel kernel;
    private int block;
    private double[] dh = new double[0];

    GruCellKernel(ScalarActivation act, ScalarActivation gate) {
        this.act = act;
        this.gate = gate;
    }

    @Override
    public int gates() {
        return 3;
    }

    @Override
    public int stateCount() {
        return 1;
    }

    @Override
    public boolean separateRecurrent() {
        return true;
    }

    @Override
    public void prepare(int batch, int hidden, int steps, boolean keepAll) {
        pass.ensure(batch, steps, hidden, 0, keepAll);
        pass.lastStateOffset = 0;
        if (kernel == null || pass.batch != batch || block != batch * hidden) {
            kernel = new GruKernel(batch, hidden, act, gate);
        }
        block = batch * hidden;
        if (dh.length != block) {
            dh = new double[block];
        }
    }

    @Override
    public void initialState(double[][] states) {
        if (states == null || states[0] == null) {
            Arrays.fill(pass.h, 0, block, 0.0);
        } else {
            System.arraycopy(states[0], 0, pass.h, 0, block);
        }
    }

    private int stateOffset(int t) {
        return pass.allSteps ? t * block : (t & 1) * block;
    }

    @Override
    public void forward(int t, int from, int to, double[] pre, double[] hp, double[] mask, double[] hOut, double[] out) {
        int prev = stateOffset(t);
        int next = stateOffset(t + 1);
        int cache = pass.allSteps ? t * block : 0;
        kernel.forward(from, to, pre, hp, pass.h, prev, next, mask, pass.r, pass.z, pass.n, pass.hn, cache, out);
        int hidden = block / pass.batch;
        System.arraycopy(pass.h, next + from * hidden, hOut, from * hidden, (to - from) * hidden);
        pass.lastStateOffset = next;
    }

    @Override
    public void beginBackward() {
        Arrays.fill(dh, 0.0);
    }

    @Override
    public void backward(int t, int from, int to, double[] eps, double[] mask, double[] g, double[] dhp, double[] biasGrad) {
        kernel.backward(from, to, eps, dh, pass.h, t * block, mask, pass.r, pass.z, pass.n, pass.hn, t * block,
                g, dhp, biasGrad);
    }

    @Override
    public double[] dh() {
        return dh;
    }

    @Override
    public double[][] finalStates() {
        return new double[][]{Arrays.copyOfRange(pass.h, pass.lastStateOffset, pass.lastStateOffset + block)};
    }

    @Override
    public void release() {
        pass.release();
        dh = new double[0];
    }
}
