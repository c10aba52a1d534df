package com.seqplay.engine.inspect;

import com.seqplay.engine.inference.LayerStates;
import com.seqplay.engine.inference.PredictionException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recomputes every recurrent layer of a network on one input. Each layer is fed what the network
 * itself fed it (the activations of one forward pass), so a layer's view does not depend on how
 * exactly the layers below were recomputed.
 */
final class NetworkStates {
    /**
     * Upper bound on the values one answer carries (steps x units x signals over all layers): about
     * 20 MB of JSON, drawn in the browser within a second or two.
     */
    static final long MAX_VALUES = 2_000_000;

    private NetworkStates() {}

    /**
     * @param input  one sequence, [1, nIn, steps]
     * @param tokens what the model read at each step, one name per step
     */
    static List<LayerStates> of(MultiLayerNetwork net, INDArray input, List<String> tokens) {
        List<CellSteps> cells = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < net.getnLayers(); i++) {
            var cell = Cells.of(net.getLayer(i), "layer " + (i + 1));
            if (cell.isPresent()) {
                if (net.getLayerWiseConfigurations().getInputPreProcess(i) != null) {
                    throw new PredictionException("This model's layer " + (i + 1)
                            + " reads its input through a preprocessor, which the inside view does not follow.");
                }
                cells.add(cell.get());
                indices.add(i);
            }
        }
        checkSize(cells, tokens.size());
        List<INDArray> activations = net.feedForward(input, false);
        List<LayerStates> out = new ArrayList<>();
        for (int k = 0; k < cells.size(); k++) {
            int i = indices.get(k);
            double[][] x = steps(activations.get(i), net.getLayer(i));
            out.add(states("layer " + (k + 1), cells.get(k), x, tokens));
        }
        return out;
    }

    /** Runs one cell and keeps its signals as floats. */
    static LayerStates states(String name, CellSteps cell, double[][] x, List<String> tokens) {
        Map<String, float[][]> states = new LinkedHashMap<>();
        cell.run(x).forEach((signal, values) -> states.put(signal, toFloat(values)));
        return new LayerStates(name, cell.cell(), cell.units(), List.copyOf(tokens), states);
    }

    static void checkSize(List<CellSteps> cells, int steps) {
        long perStep = 0;
        for (CellSteps c : cells) {
            perStep += (long) c.units() * c.signals();
        }
        if (perStep * steps > MAX_VALUES) {
            throw new PredictionException("input: " + steps + " steps give " + perStep * steps
                    + " values for this model; at most " + MAX_VALUES + " fit one answer, so at most "
                    + Math.max(1, MAX_VALUES / Math.max(1, perStep)) + " steps");
        }
    }

    /** One example's sequence as [step][feature], whatever the layer's data format. */
    static double[][] steps(INDArray sequence, Layer layer) {
        INDArray a = sequence.castTo(DataType.DOUBLE);
        if (a.rank() != 3 || a.size(0) != 1) {
            throw new IllegalStateException("expected one sequence of rank 3, got shape "
                    + java.util.Arrays.toString(a.shape()));
        }
        Layer inner = layer;
        while (inner instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w) {
            inner = w.getUnderlying();
        }
        boolean timeFirst = inner.conf().getLayer() instanceof BaseRecurrentLayer r && r.getRnnDataFormat() == RNNFormat.NWC;
        INDArray m = a.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)); // [features, steps] or [steps, features]
        return (timeFirst ? m : m.transpose()).toDoubleMatrix();
    }

    private static float[][] toFloat(double[][] v) {
        float[][] out = new float[v.length][];
        for (int t = 0; t < v.length; t++) {
            out[t] = new float[v[t].length];
            for (int j = 0; j < v[t].length; j++) {
                out[t][j] = (float) v[t][j];
            }
        }
        return out;
    }
}
