package com.seqplay.engine.inspect;

import com.seqplay.engine.inference.PredictionException;
import com.seqplay.engine.layers.FusedLstm;
import com.seqplay.engine.layers.FusedSimpleRnn;
import com.seqplay.engine.layers.GruLayer;
import java.util.Optional;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finds the cell of a network layer and copies its weights. Our three fused cells and DL4J's own
 * LSTM and SimpleRnn (which older models were saved with) are read; DL4J's LSTM uses the same
 * parameters (W, RW, b) and gate order [a | f | o | i] as ours, its SimpleRnn the same as our
 * plain cell. Recurrent layers computed otherwise are refused by name rather than shown wrong.
 */
final class Cells {
    private Cells() {}

    /**
     * @return the layer's cell, or empty if the layer is not recurrent (an output layer)
     * @throws PredictionException for a recurrent layer this view cannot recompute
     */
    static Optional<CellSteps> of(Layer layer, String name) {
        Layer inner = layer;
        while (inner instanceof BaseWrapperLayer wrapper) {
            inner = wrapper.getUnderlying(); // LastTimeStep: the layer inside still runs every step
        }
        if (inner instanceof BidirectionalLayer) {
            throw refused(name, "a bidirectional wrapper");
        }
        var conf = inner.conf().getLayer();
        if (!(conf instanceof BaseRecurrentLayer)) {
            return Optional.empty();
        }
        if (conf instanceof FusedLstm lstm) {
            return Optional.of(new LstmSteps(weights(inner, 4), lstm.getActivationFn(), lstm.getGateActivationFn()));
        }
        if (conf instanceof GruLayer gru) {
            return Optional.of(new GruSteps(weights(inner, 3), gru.getActivationFn(), gru.getGateActivationFn()));
        }
        if (conf instanceof FusedSimpleRnn rnn) {
            return Optional.of(new RnnSteps(weights(inner, 1), rnn.getActivationFn()));
        }
        if (conf instanceof GravesLSTM) {
            throw refused(name, "DL4J's GravesLSTM (its peephole connections are not recomputed here)");
        }
        if (conf instanceof LSTM lstm) {
            return Optional.of(new LstmSteps(weights(inner, 4), lstm.getActivationFn(), lstm.getGateActivationFn()));
        }
        if (conf instanceof SimpleRnn rnn) {
            if (rnn.hasLayerNorm()) {
                throw refused(name, "DL4J's SimpleRnn with layer normalisation");
            }
            return Optional.of(new RnnSteps(weights(inner, 1), rnn.getActivationFn()));
        }
        throw refused(name, "a " + conf.getClass().getSimpleName() + " layer");
    }

    private static CellWeights weights(Layer layer, int gates) {
        return CellWeights.of(param(layer, "W"), param(layer, "RW"), param(layer, "b"), gates);
    }

    private static INDArray param(Layer layer, String key) {
        INDArray p = layer.getParam(key);
        if (p == null) {
            throw new IllegalStateException("recurrent layer " + layer.getIndex() + " has no parameter " + key);
        }
        return p;
    }

    private static PredictionException refused(String name, String what) {
        return new PredictionException("This model's " + name + " is " + what
                + ", which the inside view cannot recompute step by step.");
    }
}
