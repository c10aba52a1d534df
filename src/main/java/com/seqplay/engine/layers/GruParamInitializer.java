package com.seqplay.engine.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Parameters of {@link GruLayer}, all views of the layer's slice of the network's flat parameter
 * array (so DL4J's updaters, serialisation and gradient checks see them without copies).
 *
 * <p>Flat layout: {@code [ W (nIn*3H) | RW (H*3H) | b (3H) ]}, with
 * <ul>
 *   <li>{@value #INPUT_WEIGHT_KEY}: input weights, shape [nIn, 3H], 'f' order</li>
 *   <li>{@value #RECURRENT_WEIGHT_KEY}: recurrent weights, shape [H, 3H], 'f' order</li>
 *   <li>{@value #BIAS_KEY}: bias, shape [3H]</li>
 * </ul>
 * The 3H columns are the gates in the order <b>r (reset), z (update), n (candidate)</b>:
 * columns [0, H) belong to r, [H, 2H) to z, [2H, 3H) to n. A PyTorch {@code nn.GRU}'s
 * {@code weight_ih_l0} is the transpose of W in the same gate order.
 */
public final class GruParamInitializer implements ParamInitializer {

    public static final String INPUT_WEIGHT_KEY = "W";
    public static final String RECURRENT_WEIGHT_KEY = "RW";
    public static final String BIAS_KEY = "b";

    /** Gate blocks inside the 3H columns. */
    public static final int GATE_R = 0;
    public static final int GATE_Z = 1;
    public static final int GATE_N = 2;

    private static final GruParamInitializer INSTANCE = new GruParamInitializer();

    private GruParamInitializer() {
    }

    public static GruParamInitializer getInstance() {
        return INSTANCE;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GruLayer gru = (GruLayer) layer;
        long nIn = gru.getNIn();
        long h = gru.getNOut();
        return nIn * 3 * h + h * 3 * h + 3 * h;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return Arrays.asList(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Arrays.asList(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.singletonList(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return INPUT_WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GruLayer gru = (GruLayer) conf.getLayer();
        long nIn = gru.getNIn();
        long h = gru.getNOut();
        checkLength(paramsView, numParams(gru));
        Map<String, INDArray> views = split(paramsView, nIn, h);

        if (initializeParams) {
            IWeightInit inputInit = gru.getWeightInitFn();
            IWeightInit recurrentInit = gru.getWeightInitFnRecurrent() != null
                    ? gru.getWeightInitFnRecurrent() : inputInit;
            // Fan-in/fan-out as DL4J's LSTM uses them: per gate, not for the concatenated 3H columns.
            inputInit.init(nIn, h, new long[]{nIn, 3 * h}, 'f', views.get(INPUT_WEIGHT_KEY));
            recurrentInit.init(h, h, new long[]{h, 3 * h}, 'f', views.get(RECURRENT_WEIGHT_KEY));

            INDArray bias = views.get(BIAS_KEY);
            double biasInit = Double.isNaN(gru.getBiasInit()) ? 0.0 : gru.getBiasInit();
            bias.assign(biasInit);
            bias.get(interval(GATE_Z * h, (GATE_Z + 1) * h)).assign(gru.getUpdateGateBiasInit());
        }
        conf.addVariable(INPUT_WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        GruLayer gru = (GruLayer) conf.getLayer();
        checkLength(gradientView, numParams(gru));
        return split(gradientView, gru.getNIn(), gru.getNOut());
    }

    /** Cuts a flat (row vector or rank-1) array into the three parameter views. */
    private static Map<String, INDArray> split(INDArray flat, long nIn, long h) {
        INDArray view = flat.reshape(flat.length());
        long nW = nIn * 3 * h;
        long nRW = h * 3 * h;
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.put(INPUT_WEIGHT_KEY, view.get(interval(0, nW)).reshape('f', nIn, 3 * h));
        out.put(RECURRENT_WEIGHT_KEY, view.get(interval(nW, nW + nRW)).reshape('f', h, 3 * h));
        out.put(BIAS_KEY, view.get(interval(nW + nRW, nW + nRW + 3 * h)));
        return out;
    }

    private static void checkLength(INDArray view, long expected) {
        if (view.length() != expected) {
            throw new IllegalStateException("GRU parameter view has length " + view.length()
                    + ", expected " + expected);
        }
    }
}
