package com.seqplay.engine.layers;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of {@link FusedLstm}: DL4J's LSTM layout (see {@link FusedParamInitializer}) with the
 * 4H columns in the gate order [a | f | o | i]; the forget-gate block [H, 2H) of the bias starts at
 * {@link FusedLstm#getForgetGateBiasInit()}.
 */
public final class FusedLstmParamInitializer extends FusedParamInitializer {

    public static final String INPUT_WEIGHT_KEY = FusedRecurrentImpl.W;
    public static final String RECURRENT_WEIGHT_KEY = FusedRecurrentImpl.RW;
    public static final String BIAS_KEY = FusedRecurrentImpl.B;

    private static final FusedLstmParamInitializer INSTANCE = new FusedLstmParamInitializer();

    private FusedLstmParamInitializer() {
    }

    public static FusedLstmParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    protected int gates() {
        return 4;
    }

    @Override
    protected void initBias(Layer layer, INDArray bias, long hidden) {
        bias.get(NDArrayIndex.all(), NDArrayIndex.interval(hidden, 2 * hidden))
                .assign(((FusedLstm) layer).getForgetGateBiasInit());
    }
}
