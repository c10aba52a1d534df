package com.seqplay.engine;

import com.seqplay.engine.layers.FusedLstm;
import com.seqplay.engine.layers.FusedRnnOutputLayer;
import com.seqplay.engine.layers.FusedSimpleRnn;
import com.seqplay.engine.layers.GruLayer;
import com.seqplay.engine.layers.InputGradient;
import com.seqplay.engine.optimizer.JavaAdam;
import com.seqplay.spec.CellType;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.TextgenOptions;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Turns the cell, clipping and optimiser choices of a specification into DL4J configuration. */
public final class NetworkBuilder {
    private NetworkBuilder() {}

    /**
     * A stack of recurrent layers with a softmax output at every step (a sequence classifier). The
     * output layer is DL4J's RnnOutputLayer with our fused softmax + cross-entropy training pass, and
     * the first layer does not compute the gradient w.r.t. the (one-hot) input, which training never
     * reads ({@link InputGradient}).
     */
    public static MultiLayerNetwork sequenceClassifier(RunSpec spec, int nIn, int nOut) {
        var list = base(spec).list();
        int in = nIn;
        for (int i = 0; i < spec.layers(); i++) {
            list.layer(recurrent(spec, in, spec.hiddenSize()));
            in = spec.hiddenSize();
        }
        list.layer(FusedRnnOutputLayer.of(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(in).nOut(nOut).build()));
        // only text generation trains on sequences long enough to truncate
        if (spec.options() instanceof TextgenOptions text && text.bpttLength() < text.sequenceLength()) {
            list.backpropType(BackpropType.TruncatedBPTT)
                    .tBPTTForwardLength(text.bpttLength())
                    .tBPTTBackwardLength(text.bpttLength());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        InputGradient.skipInFirstLayer(net);
        return net;
    }

    /**
     * A stack of recurrent layers read at its last time step, then a linear output of {@code nOut}
     * values trained with the mean squared error (a sequence regressor: a window in, a horizon out).
     * Gradients flow back through the whole window (full BPTT; the window is the sequence).
     */
    public static MultiLayerNetwork sequenceRegressor(RunSpec spec, int nIn, int nOut) {
        var list = base(spec).list();
        int in = nIn;
        for (int i = 0; i < spec.layers(); i++) {
            Layer layer = recurrent(spec, in, spec.hiddenSize());
            list.layer(i == spec.layers() - 1 ? new LastTimeStep(layer) : layer);
            in = spec.hiddenSize();
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                .activation(Activation.IDENTITY).nIn(in).nOut(nOut).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        InputGradient.skipInFirstLayer(net);
        return net;
    }

    /** Seed, data type, weight initialisation, optimiser and clipping: the part every network shares. */
    public static NeuralNetConfiguration.Builder base(RunSpec spec) {
        var b = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.FLOAT)
                .weightInit(weightInit(spec.weightInit()))
                .updater(updater(spec));
        ClippingMode mode = spec.clippingMode();
        GradientNormalization gn = dl4jNormalization(mode);
        b.gradientNormalization(gn);
        if (spec.clipping().threshold() != null) {
            b.gradientNormalizationThreshold(spec.clipping().threshold());
        }
        return b;
    }

    /** He suits ReLU-like units, LeCun and Xavier tanh and sigmoid; "normal" is N(0, 1/fan-in). */
    static WeightInit weightInit(com.seqplay.spec.WeightInit init) {
        return switch (init) {
            case HE -> WeightInit.RELU;
            case LECUN -> WeightInit.LECUN_NORMAL;
            case NORMAL -> WeightInit.NORMAL;
            case XAVIER -> WeightInit.XAVIER;
        };
    }

    /**
     * One recurrent layer of the specification's cell (with its dropout); any task's networks use
     * it. All three cells are the project's fused layers (one matrix product per step, gate
     * arithmetic in one pass): DL4J's own LSTM and SimpleRnn train the same model 2-3 times slower.
     * Models saved with DL4J's layers still load, since a saved model names its layer classes.
     */
    public static Layer recurrent(RunSpec spec, int nIn, int nOut) {
        CellType cell = spec.cell();
        var builder = switch (cell) {
            case LSTM -> new FusedLstm.Builder().activation(Activation.TANH)
                    .forgetGateBiasInit(1.0);
            case RNN -> new FusedSimpleRnn.Builder().activation(Activation.TANH);
            case GRU -> new GruLayer.Builder().activation(Activation.TANH).updateGateBiasInit(spec.updateGateBias());
        };
        builder.nIn(nIn).nOut(nOut);
        if (spec.dropout() > 0) {
            // DL4J's Dropout takes the probability of keeping an activation.
            builder.dropOut(new Dropout(1.0 - spec.dropout()));
        }
        return builder.build();
    }

    static IUpdater updater(RunSpec spec) {
        double lr = spec.learningRate();
        return switch (spec.optimizer()) {
            case RMSPROP -> new RmsProp(lr);
            case SGD -> new Nesterovs(lr, 0.9);
            case ADAM -> new JavaAdam(lr);
        };
    }

    /** DL4J's per-layer clipping for the modes it has; global-norm is done by our own listener. */
    static GradientNormalization dl4jNormalization(ClippingMode mode) {
        return switch (mode) {
            case NONE, GLOBAL_NORM -> GradientNormalization.None;
            case VALUE -> GradientNormalization.ClipElementWiseAbsoluteValue;
            case L2_LAYER -> GradientNormalization.ClipL2PerLayer;
            case L2_PARAM_TYPE -> GradientNormalization.ClipL2PerParamType;
            case RENORM_LAYER -> GradientNormalization.RenormalizeL2PerLayer;
        };
    }
}
