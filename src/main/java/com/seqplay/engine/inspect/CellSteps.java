package com.seqplay.engine.inspect;

import java.util.Map;

/**
 * One recurrent cell recomputed a step at a time, from a zero state as the model starts every
 * input, with every intermediate value kept: the gates the fused layers compute and throw away.
 */
interface CellSteps {
    /** "LSTM", "GRU" or "RNN". */
    String cell();

    int units();

    int inputs();

    /** How many signals {@link #run} records per unit and step. */
    int signals();

    /**
     * @param x the layer's input, [step][nIn]
     * @return each recorded signal as [step][unit]; {@code hidden} is the layer's output
     */
    Map<String, double[][]> run(double[][] x);
}
