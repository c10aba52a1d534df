package com.seqplay.engine.layers;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Parameters of {@link FusedSimpleRnn}: DL4J's SimpleRnn layout, see {@link FusedParamInitializer}. */
public final class FusedSimpleRnnParamInitializer extends FusedParamInitializer {

    private static final FusedSimpleRnnParamInitializer INSTANCE = new FusedSimpleRnnParamInitializer();

    private FusedSimpleRnnParamInitializer() {
    }

    public static FusedSimpleRnnParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    protected int gates() {
        return 1;
    }

    @Override
    protected void initBias(Layer layer, INDArray bias, long hidden) {
        // biasInit only
    }
}
