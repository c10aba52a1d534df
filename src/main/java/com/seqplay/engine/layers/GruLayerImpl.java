package com.seqplay.engine.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The GRU layer at run time (see {@link GruLayer} for the equations and {@link GruParamInitializer}
 * for the parameter layout): the fused layer of {@link FusedRecurrentImpl} with the GRU's step
 * arithmetic ({@link GruKernel}). The recurrent projection h·RW gets its own buffer per step, since
 * the reset gate multiplies its candidate part.
 */
public class GruLayerImpl extends FusedRecurrentImpl<GruLayer> {

    /** Key of the last state h_T ([minibatch, nOut]) in the rnnTimeStep and tBPTT state maps. */
    public static final String STATE_KEY_PREV_ACTIVATION = STATE_H;

    public GruLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected CellKernel createKernel(DataType type) {
        return new GruCellKernel(ScalarActivation.of(layerConf().getActivationFn(), type),
                ScalarActivation.of(layerConf().getGateActivationFn(), type));
    }

    @Override
    protected String cellName() {
        return "GRU";
    }
}
