package com.seqplay.engine.layers;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration part shared by the fused recurrent layers: instantiation, weight constraints
 * and the memory report. Subclasses add the cell's own settings and create its run-time layer.
 */
public abstract class FusedRecurrentLayer extends BaseRecurrentLayer {

    private static final long serialVersionUID = 1L;

    protected FusedRecurrentLayer(BaseRecurrentLayer.Builder<?> builder) {
        super(builder);
        initializeConstraints(builder);
    }

    /**
     * For Jackson only. BaseLayer's no-arg constructor sets gradient normalization to None, which
     * would silently override the network-wide setting; null and NaN mean "inherit", as with a Builder.
     */
    protected FusedRecurrentLayer() {
        setGradientNormalization(null);
        setGradientNormalizationThreshold(Double.NaN);
    }

    /** Gate blocks (LSTM 4, simple RNN 1). */
    protected abstract int gates();

    protected abstract FusedRecurrentImpl<?> createLayer(NeuralNetConfiguration conf, DataType networkDataType);

    /** Adds the builder's recurrent and input-weight constraints (keyed to RW and W) to the generic ones. */
    @Override
    protected void initializeConstraints(org.deeplearning4j.nn.conf.layers.Layer.Builder<?> builder) {
        super.initializeConstraints(builder);
        if (!(builder instanceof BaseRecurrentLayer.Builder)) {
            return;
        }
        BaseRecurrentLayer.Builder<?> b = (BaseRecurrentLayer.Builder<?>) builder;
        List<LayerConstraint> extra = new ArrayList<>();
        addConstraints(extra, b.getRecurrentConstraints(), FusedRecurrentImpl.RW);
        addConstraints(extra, b.getInputWeightConstraints(), FusedRecurrentImpl.W);
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
        LayerValidation.assertNInNOutSet(getClass().getSimpleName(), getLayerName(), layerIndex, getNIn(), getNOut());
        FusedRecurrentImpl<?> layer = createLayer(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType outputType = getOutputType(-1, inputType);
        long numParams = initializer().numParams(this);
        long updaterStateSize = (long) getIUpdater().stateSize(numParams);
        long h = getNOut();
        long g = gates();
        // Per example and step, training keeps about g+2 doubles per unit on the heap and g+1 native values.
        long trainPerExample = (g + 2) * h * 8 + (g + 1) * h * 4;
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, outputType)
                .standardMemory(numParams, updaterStateSize)
                .workingMemory(0, g * h, 0, trainPerExample)
                .cacheMemory(0, 0)
                .build();
    }
}
