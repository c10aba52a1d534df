package com.seqplay.engine.layers;

import java.util.Objects;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Configuration of a fast LSTM layer: the same cell and parameter layout as DL4J's {@code LSTM}
 * (it gives the same outputs and gradients on the same weights), computed the fused way described
 * in {@link FusedRecurrentImpl}.
 *
 * <p>Per time step, with gate activation σ (default sigmoid) and layer activation φ (default tanh),
 * and the 4H pre-activation columns in DL4J's order [a | f | o | i]:
 * <pre>
 *   z  = x W + h_{t-1} RW + b
 *   a  = φ(z_a)   f = σ(z_f)   o = σ(z_o)   i = σ(z_i)
 *   c' = f * c_{t-1} + i * a
 *   h' = o * φ(c')
 * </pre>
 * Masks: {@code h_t = m h' + (1 - m) h_{t-1}}, likewise for c, and the output is {@code m h_t}
 * (DL4J's LSTM zeroes the state at a padded step instead; on trailing padding both give the same
 * outputs at real steps). No peepholes (DL4J's {@code GravesLSTM} has them; this is {@code LSTM}).
 */
public class FusedLstm extends FusedRecurrentLayer {

    private static final long serialVersionUID = 1L;

    private double forgetGateBiasInit = 1.0;
    private IActivation gateActivationFn = new ActivationSigmoid();

    private FusedLstm(Builder builder) {
        super(builder);
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
        this.gateActivationFn = builder.gateActivationFn;
    }

    @SuppressWarnings("unused") // Jackson
    private FusedLstm() {
        super();
    }

    @Override
    protected int gates() {
        return 4;
    }

    @Override
    protected FusedRecurrentImpl<?> createLayer(NeuralNetConfiguration conf, DataType networkDataType) {
        return new FusedLstmImpl(conf, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return FusedLstmParamInitializer.getInstance();
    }

    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    public void setForgetGateBiasInit(double forgetGateBiasInit) {
        this.forgetGateBiasInit = forgetGateBiasInit;
    }

    public IActivation getGateActivationFn() {
        return gateActivationFn;
    }

    public void setGateActivationFn(IActivation gateActivationFn) {
        this.gateActivationFn = gateActivationFn;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof FusedLstm) || !super.equals(o)) {
            return false;
        }
        FusedLstm other = (FusedLstm) o;
        return Double.compare(forgetGateBiasInit, other.forgetGateBiasInit) == 0
                && Objects.equals(gateActivationFn, other.gateActivationFn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), forgetGateBiasInit, gateActivationFn);
    }

    @Override
    public String toString() {
        return "FusedLstm(" + super.toString() + ", forgetGateBiasInit=" + forgetGateBiasInit
                + ", gateActivationFn=" + gateActivationFn + ")";
    }

    /**
     * Builder: {@code new FusedLstm.Builder().nIn(98).nOut(256).build()}; optional
     * {@code activation(...)} (default tanh), {@link #gateActivationFunction(Activation)} (default
     * sigmoid), {@link #forgetGateBiasInit(double)} (default 1.0), plus what DL4J's recurrent layer
     * builders offer (weightInit, weightInitRecurrent, dropOut, l2, dataFormat, gradientNormalization...).
     */
    public static class Builder extends org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer.Builder<Builder> {

        private double forgetGateBiasInit = 1.0;
        private IActivation gateActivationFn = new ActivationSigmoid();

        public Builder() {
            // Layer-specific default: a network-wide .activation(...) does not override it.
            this.activationFn = new ActivationTanH();
        }

        public Builder forgetGateBiasInit(double forgetGateBiasInit) {
            this.forgetGateBiasInit = forgetGateBiasInit;
            return this;
        }

        public Builder gateActivationFunction(Activation gateActivation) {
            return gateActivationFunction(gateActivation.getActivationFunction());
        }

        public Builder gateActivationFunction(IActivation gateActivation) {
            this.gateActivationFn = gateActivation;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FusedLstm build() {
            // Fail at configuration time for activations the Java kernel does not implement.
            ScalarActivation.of(activationFn);
            ScalarActivation.of(gateActivationFn);
            return new FusedLstm(this);
        }
    }
}
