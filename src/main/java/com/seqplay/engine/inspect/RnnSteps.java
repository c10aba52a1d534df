package com.seqplay.engine.inspect;

import com.seqplay.engine.inference.LayerStates;
import java.util.Map;
import org.nd4j.linalg.activations.IActivation;

/** The plain recurrent cell, {@code h_t = act(x W + b + h_{t-1} RW)}: no gates, only the hidden state. */
final class RnnSteps implements CellSteps {
    private final CellWeights weights;
    private final IActivation activation;

    RnnSteps(CellWeights weights, IActivation activation) {
        this.weights = weights;
        this.activation = activation;
    }

    @Override
    public String cell() {
        return "RNN";
    }

    @Override
    public int units() {
        return weights.units();
    }

    @Override
    public int signals() {
        return 1;
    }

    @Override
    public int inputs() {
        return weights.inputs();
    }

    @Override
    public Map<String, double[][]> run(double[][] x) {
        double[][] hidden = new double[x.length][];
        double[] h = new double[weights.units()];
        for (int t = 0; t < x.length; t++) {
            double[] pre = weights.inputProjection(x[t]);
            double[] hp = weights.recurrentProjection(h);
            for (int j = 0; j < pre.length; j++) {
                pre[j] += hp[j];
            }
            h = CellWeights.activate(activation, pre);
            hidden[t] = h;
        }
        return Map.of(LayerStates.HIDDEN, hidden);
    }
}
