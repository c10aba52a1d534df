package com.seqplay.engine.inspect;

import com.seqplay.engine.inference.LayerStates;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;

/**
 * An LSTM without peepholes, as DL4J's {@code LSTM} and our fused LSTM compute it. The 4H columns
 * are in DL4J's order [a | f | o | i]: the block input a (layer activation), then the forget,
 * output and input gates (gate activation):
 * <pre>
 *   c_t = f * c_{t-1} + i * a        h_t = o * act(c_t)
 * </pre>
 */
final class LstmSteps implements CellSteps {
    private static final int A = 0;
    private static final int F = 1;
    private static final int O = 2;
    private static final int I = 3;
    private final CellWeights weights;
    private final IActivation activation;
    private final IActivation gate;

    LstmSteps(CellWeights weights, IActivation activation, IActivation gate) {
        this.weights = weights;
        this.activation = activation;
        this.gate = gate;
    }

    @Override
    public String cell() {
        return "LSTM";
    }

    @Override
    public int units() {
        return weights.units();
    }

    @Override
    public int signals() {
        return 5;
    }

    @Override
    public int inputs() {
        return weights.inputs();
    }

    @Override
    public Map<String, double[][]> run(double[][] x) {
        int steps = x.length;
        int units = weights.units();
        double[][] hidden = new double[steps][];
        double[][] cell = new double[steps][];
        double[][] input = new double[steps][];
        double[][] forget = new double[steps][];
        double[][] output = new double[steps][];
        double[] h = new double[units];
        double[] c = new double[units];
        for (int t = 0; t < steps; t++) {
            double[] pre = weights.inputProjection(x[t]);
            double[] hp = weights.recurrentProjection(h);
            for (int j = 0; j < pre.length; j++) {
                pre[j] += hp[j];
            }
            double[] a = weights.block(pre, A, activation);
            double[] f = weights.block(pre, F, gate);
            double[] o = weights.block(pre, O, gate);
            double[] i = weights.block(pre, I, gate);
            double[] cNew = new double[units];
            for (int j = 0; j < units; j++) {
                cNew[j] = f[j] * c[j] + i[j] * a[j];
            }
            double[] shown = CellWeights.activate(activation, cNew.clone());
            double[] hNew = new double[units];
            for (int j = 0; j < units; j++) {
                hNew[j] = o[j] * shown[j];
            }
            h = hNew;
            c = cNew;
            hidden[t] = hNew;
            cell[t] = cNew;
            input[t] = i;
            forget[t] = f;
            output[t] = o;
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        out.put(LayerStates.HIDDEN, hidden);
        out.put(LayerStates.CELL, cell);
        out.put(LayerStates.INPUT, input);
        out.put(LayerStates.FORGET, forget);
        out.put(LayerStates.OUTPUT, output);
        return out;
    }
}
