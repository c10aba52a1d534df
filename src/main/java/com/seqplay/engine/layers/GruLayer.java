package com.seqplay.engine.layers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of a gated recurrent unit (GRU) layer for {@code MultiLayerNetwork} and
 * {@code ComputationGraph}; DL4J 1.0.0-M2.1 has no GRU of its own.
 *
 * <p>Equations, per time step t, for input x (row vector of size nIn) and previous state h
 * (size nOut = H), with gate order <b>r, z, n</b> (reset, update, candidate; PyTorch's order):
 * <pre>
 *   r   = gate(x Wr + br + h Ur)
 *   z   = gate(x Wz + bz + h Uz)
 *   n   = act (x Wn + bn + r * (h Un))      ("reset after" the recurrent product, as cuDNN/PyTorch)
 *   h_t = (1 - z) * n + z * h_{t-1}
 * </pre>
 * {@code gate} is the gate activation (default sigmoid) and {@code act} the layer activation
 * (default tanh). So z is the fraction of the old state that is <em>kept</em>. There is one bias
 * per gate (PyTorch has a second, recurrent one, b_hn, which this layer does not have).
 * The reset-after form lets a step compute h·[Ur|Uz|Un] in one matrix product.
 *
 * <p>{@link Builder#updateGateBiasInit(double)} (default 1.0) starts z at about 0.73 instead of
 * 0.5, so an untrained layer carries its state (and its gradient) further back in time, like
 * LSTM's forget-gate bias.
 *
 * <p>Masks: with a feature mask m (shape [minibatch, timeSteps]) the state update is
 * {@code h_t = m h'_t + (1 - m) h_{t-1}} (a padded step leaves the state unchanged) and the
 * output at a masked step is 0.
 *
 * <p>Parameters: see {@link GruParamInitializer}.
 */
public class GruLayer extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    private double updateGateBiasInit = 1.0;
    private IActivation gateActivationFn = new ActivationSigmoid();

    private GruLayer(Builder builder) {
        super(builder);
        this.updateGateBiasInit = builder.updateGateBiasInit;
        this.gateActivationFn = builder.gateActivationFn;
        initializeConstraints(builder);
    }

    /**
     * For Jackson only. BaseLayer's no-arg constructor sets gradient normalization to None, which
     * would silently override the network-wide setting when a layer is built this way; null and
     * NaN mean "inherit the global value", as with the Builder.
     */
    @SuppressWarnings("unused")
    private GruLayer() {
        setGradientNormalization(null);
        setGradientNormalizationThreshold(Double.NaN);
    }

    /** Adds the builder's recurrent and input-weight constraints (keyed to RW and W) to the generic ones. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        if (!(builder instanceof Builder)) {
            return;
        }
        Builder b = (Builder) builder;
        List<LayerConstraint> extra = new ArrayList<>();
        addConstraints(extra, b.getRecurrentConstraints(), GruParamInitializer.RECURRENT_WEIGHT_KEY);
        addConstraints(extra, b.getInputWeightConstraints(), GruParamInitializer.INPUT_WEIGHT_KEY);
        if (!extra.isEmpty()) {
            List<LayerConstraint> all = constraints == null ? new ArrayList<>() : new ArrayList<>(constraints);
            all.addAll(extra);
            constraints = all;
        }
    }

    private static void addConstraints(List<LayerConstraint> target, List<LayerConstraint> source, String param) {
        if (source == null) {
            return;
        }
        for (LayerConstraint c : source) {
            LayerConstraint copy = c.clone();
            copy.setParams(Collections.singleton(param));
            target.add(copy);
        }
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("GruLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        GruLayerImpl layer = new GruLayerImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return GruParamInitializer.getInstance();
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterStateSize = (long) getIUpdater().stateSize(numParams);
        long h = getNOut();
        // Per example and time step the training forward pass caches r, z, n, h·Un and h (doubles on the heap).
        long trainPerExample = 5 * h * 8 + 3 * h * 4;
        return new LayerMemoryReport.Builder(getLayerName(), GruLayer.class, inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(0, 3 * h, 0, trainPerExample)
                .cacheMemory(0, 0)
                .build();
    }

    /** Initial value of the update-gate (z) bias; the other biases use the layer's biasInit. */
    public double getUpdateGateBiasInit() {
        return updateGateBiasInit;
    }

    public void setUpdateGateBiasInit(double updateGateBiasInit) {
        this.updateGateBiasInit = updateGateBiasInit;
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
        if (!(o instanceof GruLayer) || !super.equals(o)) {
            return false;
        }
        GruLayer other = (GruLayer) o;
        return Double.compare(updateGateBiasInit, other.updateGateBiasInit) == 0
                && Objects.equals(gateActivationFn, other.gateActivationFn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), updateGateBiasInit, gateActivationFn);
    }

    @Override
    public String toString() {
        return "GruLayer(" + super.toString() + ", updateGateBiasInit=" + updateGateBiasInit
                + ", gateActivationFn=" + gateActivationFn + ")";
    }

    /**
     * Builder: {@code new GruLayer.Builder().nIn(98).nOut(256).build()}; optional
     * {@code activation(...)} (default tanh), {@link #gateActivationFunction(Activation)} (default
     * sigmoid), {@link #updateGateBiasInit(double)} (default 1.0), plus everything DL4J's recurrent
     * layer builders offer (weightInit, weightInitRecurrent, dropOut, l2, updater, dataFormat,
     * gradientNormalization...).
     */
    public static class Builder extends BaseRecurrentLayer.Builder<Builder> {

        private double updateGateBiasInit = 1.0;
        private IActivation gateActivationFn = new ActivationSigmoid();

        public Builder() {
            // Layer-specific default: a global .activation(...) on the network does not override it.
            this.activationFn = new ActivationTanH();
        }

        /** Initial bias of the update gate z; positive values make the state (and gradients) persist. */
        public Builder updateGateBiasInit(double updateGateBiasInit) {
            this.updateGateBiasInit = updateGateBiasInit;
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
        public GruLayer build() {
            // Fail at configuration time for activations the Java kernel does not implement.
            ScalarActivation.of(activationFn);
            ScalarActivation.of(gateActivationFn);
            return new GruLayer(this);
        }
    }
}
