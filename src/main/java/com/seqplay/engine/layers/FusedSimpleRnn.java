package com.seqplay.engine.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Configuration of a fast plain recurrent layer, {@code h_t = φ(x W + h_{t-1} RW + b)} (φ default
 * tanh): the same cell and parameter layout as DL4J's {@code SimpleRnn} without layer norm, computed
 * the fused way described in {@link FusedRecurrentImpl}. Masks: {@code h_t = m h' + (1 - m) h_{t-1}}
 * and the output is {@code m h_t}.
 */
public class FusedSimpleRnn extends FusedRecurrentLayer {

    private static final long serialVersionUID = 1L;

    private FusedSimpleRnn(Builder builder) {
        super(builder);
    }

    @SuppressWarnings("unused") // Jackson
    private FusedSimpleRnn() {
        super();
    }

    @Override
    protected int gates() {
        return 1;
    }

    @Override
    protected FusedRecurrentImpl<?> createLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        return new FusedSimpleRnnImpl(conf, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return FusedSimpleRnnParamInitializer.getInstance();
    }

    @Override
    public String toString() {
        return "FusedSimpleRnn(" + super.toString() + ")";
    }

    /** Builder: {@code new FusedSimpleRnn.Builder().nIn(98).nOut(256).build()}; activation default tanh. */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer.Builder<Builder> {

        public Builder() {
            this.activationFn = new ActivationTanH();
        }

        @Override
        @SuppressWarnings("unchecked")
        public FusedSimpleRnn build() {
            ScalarActivation.of(activationFn);
            return new FusedSimpleRnn(this);
        }
    }
}
