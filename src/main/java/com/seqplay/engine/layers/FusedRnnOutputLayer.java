package com.seqplay.engine.layers;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's {@link RnnOutputLayer} (a dense layer with an output at every time step) with a fast path
 * for its most common use, softmax with multi-class cross-entropy: one matrix product for all steps,
 * softmax, loss and its gradient in one pass, no layout copies (see {@link FusedRnnOutputImpl}).
 * Everything else (other losses and activations, dropout, per-output masks, inference) runs DL4J's
 * code, and the configuration and parameters are DL4J's, so a saved model keeps its meaning.
 */
public class FusedRnnOutputLayer extends RnnOutputLayer {

    private static final long serialVersionUID = 1L;

    /** For Jackson (saved models); {@link #softmaxCrossEntropy} makes configured ones. */
    public FusedRnnOutputLayer() {
    }

    /**
     * A softmax output of {@code nOut} classes over {@code nIn} inputs per step, trained with the
     * multi-class cross-entropy, NCW data. Settings not given here (weight initialisation, updater)
     * come from the network, as with DL4J's builder.
     */
    public static FusedRnnOutputLayer softmaxCrossEntropy(long nIn, long nOut) {
        return of(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .dataFormat(RNNFormat.NCW).nIn(nIn).nOut(nOut).build());
    }

    /**
     * The same configuration as {@code configured}. DL4J's constructor from its builder is private,
     * so the fields are copied; the class has no state of its own.
     */
    public static FusedRnnOutputLayer of(RnnOutputLayer configured) {
        FusedRnnOutputLayer copy = new FusedRnnOutputLayer();
        for (Class<?> c = RnnOutputLayer.class; c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    f.set(copy, f.get(configured));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalStateException("cannot copy the output layer setting " + f.getName(), e);
                }
            }
        }
        return copy;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
                             int layerIndex, INDArray layerParamsView, boolean initializeParams,
                             DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedRnnOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        FusedRnnOutputImpl layer = new FusedRnnOutputImpl(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> paramTable = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(paramTable);
        layer.setConf(conf);
        return layer;
    }
}
