package com.seqplay.engine.layers;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a GRU forward pass leaves behind: the states and gate values the backward pass needs.
 *
 * <p>The Java arrays are reused from call to call (grown when needed) so that training does not
 * allocate tens of megabytes per iteration. In training mode every step gets its own block; in
 * inference mode two state blocks and one cache block are recycled.
 */
final class GruForwardPass {

    /** The layer input (after dropout) and mask this pass was computed for; null when invalid. */
    INDArray input;
    INDArray mask;

    int batch;
    int steps;
    int hidden;
    int nIn;
    /** True if every step's values are kept (training), false if blocks were recycled. */
    boolean allSteps;
    /** Offset of the final state h_T inside {@link #h}. */
    int lastStateOffset;

    /** States h_0..h_T, [T+1][B][H] (or 2 recycled blocks). */
    double[] h = new double[0];
    /** Gate values per step, [T][B][H] (or 1 recycled block). */
    double[] r = new double[0];
    double[] z = new double[0];
    double[] n = new double[0];
    /** h_{t-1}·Un per step, needed for the reset gate's gradient. */
    double[] hn = new double[0];
    /** Mask per step and example, [T][B], or null. */
    double[][] maskByStep;

    void ensure(int batch, int steps, int hidden, int nIn, boolean allSteps) {
        this.batch = batch;
        this.steps = steps;
        this.hidden = hidden;
        this.nIn = nIn;
        this.allSteps = allSteps;
        int block = batch * hidden;
        int stateLen = (allSteps ? steps + 1 : 2) * block;
        int cacheLen = (allSteps ? steps : 1) * block;
        if (h.length < stateLen) {
            h = new double[stateLen];
        }
        if (r.length < cacheLen) {
            r = new double[cacheLen];
            z = new double[cacheLen];
            n = new double[cacheLen];
            hn = new double[cacheLen];
        }
    }

    void invalidate() {
        input = null;
        mask = null;
    }

    boolean isValidFor(INDArray currentInput, INDArray currentMask) {
        return input != null && allSteps && input == currentInput && mask == currentMask;
    }

    /** Releases the (possibly large) arrays, e.g. when DL4J clears the layer. */
    void release() {
        invalidate();
        h = new double[0];
        r = new double[0];
        z = new double[0];
        n = new double[0];
        hn = new double[0];
        maskByStep = null;
    }
}
