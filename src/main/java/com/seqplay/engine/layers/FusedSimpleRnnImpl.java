package com.seqplay.engine.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;

/** The {@link FusedSimpleRnn} layer at run time; state key "prevAct". */
public class FusedSimpleRnnImpl extends FusedRecurrentImpl<FusedSimpleRnn> {

    public static final String STATE_KEY_PREV_ACTIVATION = STATE_H;

    public FusedSimpleRnnImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected CellKernel createKernel(DataType type) {
        return new SimpleRnnKernel(ScalarActivation.of(layerConf().getActivationFn(), type));
    }

    @Override
    protected String cellName() {
        return "RNN";
    }
}
