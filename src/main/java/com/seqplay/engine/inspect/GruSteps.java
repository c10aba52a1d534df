package com.seqplay.engine.inspect;

import com.seqplay.engine.inference.LayerStates;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;

/**
 * Our GRU (engine.layers.GruLayer), gate blocks in the order [r | z | n], the reset gate applied
 * after the recurrent product:
 * <pre>
 *   n_t = act(x Wn + bn + r * (h_{t-1} Un))      h_t = (1 - z) * n_t + z * h_{t-1}
 * </pre>
 * so the update gate z is the share of the old state kept.
 */
final class GruSteps implements CellSteps {
    private static final int R = 0;
    private static final int Z = 1;
    private static final int N = 2;
    private final CellWeights weights;
    private final IActivation activation;
    private final IActivation gate;

    GruSteps(CellWeights weights, IActivation activation, IActivation gate) {
        this.weights = weights;
        this.activation = activation;
        this.gate = gate;
    }

    @Override
    public String cell() {
        return "GRU";
    }

    @Override
    public int units() {
        return weights.units();
    }

    @Override
    public int signals() {
        return 4;
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
        double[][] update = new double[steps][];
        double[][] reset = new double[steps][];
        double[][] candidate = new double[steps][];
        double[] h = new double[units];
        for (int t = 0; t < steps; t++) {
            double[] xp = weights.inputProjection(x[t]);
            double[] hp = weights.recurrentProjection(h);
            double[] gates = new double[xp.length];
            for (int j = 0; j < 2 * units; j++) {
                gates[j] = xp[j] + hp[j];
            }
            double[] r = weights.block(gates, R, gate);
            double[] z = weights.block(gates, Z, gate);
            double[] nPre = new double[units];
            for (int j = 0; j < units; j++) {
                nPre[j] = xp[N * units + j] + r[j] * hp[N * units + j];
            }
            double[] n = CellWeights.activate(activation, nPre);
            double[] hNew = new double[units];
            for (int j = 0; j < units; j++) {
                hNew[j] = (1 - z[j]) * n[j] + z[j] * h[j];
            }
            h = hNew;
            hidden[t] = hNew;
            update[t] = z;
            reset[t] = r;
            candidate[t] = n;
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        out.put(LayerStates.HIDDEN, hidden);
        out.put(LayerStates.UPDATE, update);
        out.put(LayerStates.RESET, reset);
        out.put(LayerStates.CANDIDATE, candidate);
        return out;
    }
}
