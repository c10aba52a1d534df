package com.seqplay.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.MemoryUseMode;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Forward-pass behaviour of the GRU: masking, step-by-step inference, serialisation, configuration. */
class GruForwardBehaviourTest {

    private static final double TOL = 1e-12;

    @BeforeAll
    static void doublePrecision() {
        GruTestSupport.useDoublePrecision();
    }

    private static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** Output of the first layer (the GRU) for the given input and mask. */
    private static INDArray gruOutput(MultiLayerNetwork net, INDArray in, INDArray mask) {
        List<INDArray> acts = net.feedForward(in, mask, null);
        net.clearLayerMaskArrays();
        return acts.get(1);
    }

    @Test
    void maskedOutputOfPaddedSequenceEqualsOutputOfTruncatedSequence() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 5, 2, 21);
        int steps = 7;
        int valid = 4;
        INDArray padded = GruTestSupport.randomInput(1, 3, steps, 22);
        INDArray mask = GruTestSupport.lengthMask(steps, valid);

        INDArray outPadded = gruOutput(net, padded, mask);
        INDArray truncated = padded.get(all(), all(), interval(0, valid)).dup();
        INDArray outTruncated = gruOutput(net, truncated, null);

        assertTrue(maxAbsDiff(outPadded.get(all(), all(), interval(0, valid)), outTruncated) < TOL);
        // Padded steps produce zeros.
        assertEquals(0.0, outPadded.get(all(), all(), interval(valid, steps)).amaxNumber().doubleValue(), 0.0);
        // And the whole network's output at valid steps agrees too.
        INDArray netPadded = net.output(padded, false, mask, null);
        INDArray netTruncated = net.output(truncated, false);
        assertTrue(maxAbsDiff(netPadded.get(all(), all(), interval(0, valid)), netTruncated) < TOL);
    }

    @Test
    void maskedStepsInsideABatchDoNotAffectOtherExamples() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 5, 2, 23);
        INDArray in = GruTestSupport.randomInput(2, 3, 6, 24);
        INDArray mask = GruTestSupport.lengthMask(6, 6, 3);
        INDArray both = gruOutput(net, in, mask);
        INDArray first = gruOutput(net, in.get(interval(0, 1), all(), all()).dup(), null);
        INDArray second = gruOutput(net, in.get(interval(1, 2), all(), interval(0, 3)).dup(), null);
        assertTrue(maxAbsDiff(both.get(interval(0, 1), all(), all()), first) < TOL);
        assertTrue(maxAbsDiff(both.get(interval(1, 2), all(), interval(0, 3)), second) < TOL);
    }

    @Test
    void rnnTimeStepStepByStepEqualsFullForwardPass() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 5, 4, 31);
        INDArray in = GruTestSupport.randomInput(2, 3, 6, 32);
        INDArray full = net.output(in, false);

        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray step = in.get(all(), all(), interval(t, t + 1)).dup();
            INDArray out = net.rnnTimeStep(step);
            INDArray expected = full.get(all(), all(), interval(t, t + 1));
            assertTrue(maxAbsDiff(out.reshape(expected.shape()), expected) < TOL, "step " + t);
        }

        // Chunks of several steps continue the state as well.
        net.rnnClearPreviousState();
        INDArray a = net.rnnTimeStep(in.get(all(), all(), interval(0, 4)).dup());
        INDArray b = net.rnnTimeStep(in.get(all(), all(), interval(4, 6)).dup());
        assertTrue(maxAbsDiff(a, full.get(all(), all(), interval(0, 4))) < TOL);
        assertTrue(maxAbsDiff(b, full.get(all(), all(), interval(4, 6))) < TOL);
    }

    @Test
    void rnnClearPreviousStateRestartsFromZeroState() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 5, 4, 33);
        INDArray step = GruTestSupport.randomInput(2, 3, 1, 34);
        INDArray first = net.rnnTimeStep(step).dup();
        INDArray second = net.rnnTimeStep(step).dup();
        assertTrue(maxAbsDiff(first, second) > 1e-6, "state must carry over between calls");
        assertNotEquals(null, net.rnnGetPreviousState(0).get(GruLayerImpl.STATE_KEY_PREV_ACTIVATION));

        net.rnnClearPreviousState();
        assertNull(net.rnnGetPreviousState(0).get(GruLayerImpl.STATE_KEY_PREV_ACTIVATION));
        INDArray again = net.rnnTimeStep(step);
        assertTrue(maxAbsDiff(first, again) < TOL);
    }

    @Test
    void modelSerializerRoundTripGivesIdenticalOutputAndConfig() throws Exception {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(41).updater(new Adam(1e-3))
                .gradientNormalization(GradientNormalization.ClipL2PerLayer)
                .gradientNormalizationThreshold(2.5)
                .list()
                .layer(new GruLayer.Builder().nIn(3).nOut(5).updateGateBiasInit(2.0)
                        .gateActivationFunction(Activation.HARDSIGMOID).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(5).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray in = GruTestSupport.randomInput(2, 3, 5, 42);
        net.fit(in, GruTestSupport.randomOneHot(2, 2, 5, 43)); // non-trivial updater state

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(
                new ByteArrayInputStream(bytes.toByteArray()), true);

        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertEquals(0.0, maxAbsDiff(net.output(in, false), restored.output(in, false)), 0.0);

        GruLayer gru = (GruLayer) restored.getLayerWiseConfigurations().getConf(0).getLayer();
        assertEquals(2.0, gru.getUpdateGateBiasInit());
        assertEquals(GradientNormalization.ClipL2PerLayer, gru.getGradientNormalization());
        assertEquals(2.5, gru.getGradientNormalizationThreshold());
    }

    @Test
    void globalGradientNormalizationReachesTheGruLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(0.7)
                .list()
                .layer(new GruLayer.Builder().nIn(3).nOut(5).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).nIn(5).nOut(2).build())
                .build();
        GruLayer gru = (GruLayer) conf.getConf(0).getLayer();
        assertEquals(GradientNormalization.ClipElementWiseAbsoluteValue, gru.getGradientNormalization());
        assertEquals(0.7, gru.getGradientNormalizationThreshold());
        // And survives JSON.
        GruLayer fromJson = (GruLayer) MultiLayerConfiguration.fromJson(conf.toJson()).getConf(0).getLayer();
        assertEquals(GradientNormalization.ClipElementWiseAbsoluteValue, fromJson.getGradientNormalization());
    }

    @Test
    void parametersHaveDocumentedShapesAndUpdateGateBias() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 4, 2, 51);
        INDArray w = net.getParam("0_" + GruParamInitializer.INPUT_WEIGHT_KEY);
        INDArray rw = net.getParam("0_" + GruParamInitializer.RECURRENT_WEIGHT_KEY);
        INDArray b = net.getParam("0_" + GruParamInitializer.BIAS_KEY);
        assertEquals(List.of(3L, 12L), List.of(w.shape()[0], w.shape()[1]));
        assertEquals(List.of(4L, 12L), List.of(rw.shape()[0], rw.shape()[1]));
        assertEquals(12L, b.length());
        INDArray expectedBias = Nd4j.zeros(DataType.DOUBLE, 12);
        expectedBias.get(interval(4, 8)).assign(1.0);
        assertEquals(expectedBias, b.reshape(12));
        // The views really are the network's parameters.
        w.putScalar(0, 0, 42.0);
        assertEquals(42.0, net.params().getDouble(0), 0.0);
    }

    @Test
    void unsupportedActivationIsRejectedAtBuildTime() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new GruLayer.Builder().nIn(2).nOut(2).activation(Activation.SWISH).build());
    }

    @Test
    void floatNetworkMatchesDoubleNetwork() {
        MultiLayerNetwork dbl = GruTestSupport.gruNet(3, 5, 2, 61);
        MultiLayerNetwork flt = new MultiLayerNetwork(dbl.getLayerWiseConfigurations().clone());
        flt.init();
        flt = flt.convertDataType(DataType.FLOAT);
        flt.setParams(dbl.params().castTo(DataType.FLOAT));
        INDArray in = GruTestSupport.randomInput(2, 3, 6, 62);
        INDArray mask = GruTestSupport.lengthMask(6, 6, 4);
        INDArray outD = dbl.output(in, false, mask, null);
        INDArray outF = flt.output(in.castTo(DataType.FLOAT), false, mask.castTo(DataType.FLOAT), null);
        assertEquals(DataType.FLOAT, outF.dataType());
        assertTrue(maxAbsDiff(outD, outF.castTo(DataType.DOUBLE)) < 1e-5);
    }

    @Test
    void nwcDataFormatGivesTheSameResultAsNcw() {
        MultiLayerNetwork ncw = GruTestSupport.gruNet(3, 4, 2, 71);
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(71)
                .list()
                .layer(new GruLayer.Builder().nIn(3).nOut(4).dataFormat(RNNFormat.NWC).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NWC).nIn(4).nOut(2).build())
                .build();
        MultiLayerNetwork nwc = new MultiLayerNetwork(conf);
        nwc.init();
        nwc.setParams(ncw.params());
        INDArray in = GruTestSupport.randomInput(2, 3, 5, 72);
        INDArray outNcw = ncw.output(in, false);
        INDArray outNwc = nwc.output(in.permute(0, 2, 1).dup(), false);
        assertTrue(maxAbsDiff(outNcw, outNwc.permute(0, 2, 1)) < TOL);
        // Gradients agree as well.
        INDArray labels = GruTestSupport.randomOneHot(2, 2, 5, 73);
        ncw.setInput(in);
        ncw.setLabels(labels);
        ncw.computeGradientAndScore();
        nwc.setInput(in.permute(0, 2, 1).dup());
        nwc.setLabels(labels.permute(0, 2, 1).dup());
        nwc.computeGradientAndScore();
        assertTrue(maxAbsDiff(ncw.getGradientsViewArray(), nwc.getGradientsViewArray()) < TOL);
    }

    @Test
    void trainsWithDropoutAndInferenceStaysDeterministic() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(81).updater(new Adam(1e-2))
                .list()
                .layer(new GruLayer.Builder().nIn(3).nOut(4).dropOut(0.7).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(4).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray in = GruTestSupport.randomInput(4, 3, 5, 82);
        INDArray labels = GruTestSupport.randomOneHot(4, 2, 5, 83);
        for (int i = 0; i < 3; i++) {
            net.fit(in, labels);
        }
        assertEquals(net.output(in, false), net.output(in, false));
    }

    @Test
    void rnnTimeStepAcceptsTwoDimensionalSingleStepInput() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 5, 4, 91);
        INDArray in = GruTestSupport.randomInput(2, 3, 3, 92);
        INDArray full = net.output(in, false);
        net.rnnClearPreviousState();
        for (int t = 0; t < 3; t++) {
            INDArray out = net.rnnTimeStep(in.get(all(), all(), point(t)).dup()); // [2, 3] -> [2, 4]
            assertEquals(2, out.rank());
            assertTrue(maxAbsDiff(out, full.get(all(), all(), point(t))) < TOL);
        }
    }

    @Test
    void memoryReportAndSummaryWork() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 5, 4, 93);
        assertTrue(net.getLayerWiseConfigurations().getMemoryReport(InputType.recurrent(3, 10))
                .getTotalMemoryBytes(8, MemoryUseMode.TRAINING, CacheMode.NONE, DataType.FLOAT) > 0);
        assertTrue(net.summary().contains("GruLayer"));
    }
}
