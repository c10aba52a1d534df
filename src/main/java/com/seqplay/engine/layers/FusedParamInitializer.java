package com.seqplay.engine.layers;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of a fused recurrent layer with G gate blocks, all views of the layer's slice of the
 * network's flat parameter array (so updaters, serialisation and gradient checks see them without
 * copies). The layout is DL4J's LSTM / SimpleRnn one, so weights copy over key by key:
 * <pre>
 *   [ W (nIn * G*H) | RW (H * G*H) | b (G*H) ]
 *   W  [nIn, G*H], 'f' order      RW [H, G*H], 'f' order      b [1, G*H]
 * </pre>
 */
abstract class FusedParamInitializer implements ParamInitializer {

    /** Gate blocks per layer (LSTM 4, simple RNN 1). */
    protected abstract int gates();

    /** Sets the bias after the generic biasInit (e.g. LSTM's forget-gate bias). */
    protected abstract void initBias(Layer layer, INDArray bias, long hidden);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        BaseRecurrentLayer l = (BaseRecurrentLayer) layer;
        long g = gates();
        long nIn = l.getNIn();
        long h = l.getNOut();
        return nIn * g * h + h * g * h + g * h;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return Arrays.asList(FusedRecurrentImpl.W, FusedRecurrentImpl.RW, FusedRecurrentImpl.B);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Arrays.asList(FusedRecurrentImpl.W, FusedRecurrentImpl.RW);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.singletonList(FusedRecurrentImpl.B);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return FusedRecurrentImpl.W.equals(key) || FusedRecurrentImpl.RW.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return FusedRecurrentImpl.B.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        BaseRecurrentLayer layer = (BaseRecurrentLayer) conf.getLayer();
        long nIn = layer.getNIn();
        long h = layer.getNOut();
        long g = gates();
        checkLength(paramsView, numParams(layer));
        Map<String, INDArray> views = split(paramsView, nIn, h, g);
        if (initializeParams) {
            IWeightInit inputInit = layer.getWeightInitFn();
            IWeightInit recurrentInit = layer.getWeightInitFnRecurrent() != null
                    ? layer.getWeightInitFnRecurrent() : inputInit;
            // Fan-in/fan-out per gate, as DL4J's LSTM uses them, not for the concatenated G*H columns.
            inputInit.init(nIn, h, new long[]{nIn, g * h}, 'f', views.get(FusedRecurrentImpl.W));
            recurrentInit.init(h, h, new long[]{h, g * h}, 'f', views.get(FusedRecurrentImpl.RW));
            INDArray bias = views.get(FusedRecurrentImpl.B);
            bias.assign(Double.isNaN(layer.getBiasInit()) ? 0.0 : layer.getBiasInit());
            initBias(layer, bias, h);
        }
        conf.addVariable(FusedRecurrentImpl.W);
        conf.addVariable(FusedRecurrentImpl.RW);
        conf.addVariable(FusedRecurrentImpl.B);
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        BaseRecurrentLayer layer = (BaseRecurrentLayer) conf.getLayer();
        checkLength(gradientView, numParams(layer));
        return split(gradientView, layer.getNIn(), layer.getNOut(), gates());
    }

    private static Map<String, INDArray> split(INDArray flat, long nIn, long h, long g) {
        INDArray view = flat.reshape(flat.length());
        long nW = nIn * g * h;
        long nRW = h * g * h;
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.put(FusedRecurrentImpl.W, view.get(NDArrayIndex.interval(0, nW)).reshape('f', nIn, g * h));
        out.put(FusedRecurrentImpl.RW, view.get(NDArrayIndex.interval(nW, nW + nRW)).reshape('f', h, g * h));
        out.put(FusedRecurrentImpl.B, view.get(NDArrayIndex.interval(nW + nRW, nW + nRW + g * h)).reshape(1, g * h));
        return out;
    }

    private static void checkLength(INDArray view, long expected) {
        if (view.length() != expected) {
            throw new IllegalStateException("recurrent layer parameter view has length " + view.length()
                    + ", expected " + expected);
        }
    }
}
