package com.seqplay.engine.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/** The {@link FusedLstm} layer at run time; state keys "prevAct" (h) and "prevMem" (c), as DL4J's LSTM. */
public class FusedLstmImpl extends FusedRecurrentImpl<FusedLstm> {

    public static final String STATE_KEY_PREV_ACTIVATION = STATE_H;
    public static final String STATE_KEY_PREV_MEMCELL = STATE_C;

    public FusedLstmImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected CellKernel createKernel(DataType type) {
        return new LstmKernel(ScalarActivation.of(layerConf().getActivationFn(), type),
                ScalarActivation.of(layerConf().getGateActivationFn(), type));
    }

    @Override
    protected String cellName() {
        return "LSTM";
    }
}
