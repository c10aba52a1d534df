package com.seqplay.engine.layers;

import static com.seqplay.engine.layers.GruTestSupport.maxAbsDiff;
import static com.seqplay.engine.layers.GruTestSupport.maxRelDiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The fused LSTM and RNN against DL4J's LSTM and SimpleRnn on the same weights, and their
 * behaviour: masks, step-by-step inference, truncated BPTT, serialisation, training.
 */
class FusedLayerBehaviourTest {

    private static final double REL = 1e-10;
    private static final double TOL = 1e-12;

    @BeforeAll
    static void doublePrecision() {
        GruTestSupport.useDoublePrecision();
    }

    @AfterEach
    void directBlasBackOn() {
        Gemm.setDirect(true);
    }

    /** Two recurrent layers (3 -> 5 -> 4) and a softmax output, built from the given layer factory. */
    private static MultiLayerNetwork twoLayers(boolean fused, FusedCell cell, IUpdater updater, int tbptt) {
        var list = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(5).updater(updater)
                .weightInit(new NormalDistribution(0, 0.5))
                .list()
                .layer(fused ? cell.fused(3, 5) : cell.reference(3, 5))
                .layer(fused ? cell.fused(5, 4) : cell.reference(5, 4))
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(4).nOut(3).build());
        if (tbptt > 0) {
            list.backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(tbptt).tBPTTBackwardLength(tbptt);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    /** The DL4J twin of a fused network, with the fused network's weights copied key by key. */
    private static MultiLayerNetwork referenceTwin(MultiLayerNetwork fused, FusedCell cell, IUpdater updater,
                                                   int tbptt) {
        MultiLayerNetwork ref = twoLayers(false, cell, updater, tbptt);
        for (String key : fused.paramTable().keySet()) {
            INDArray target = ref.getParam(key);
            assertNotNull(target, "DL4J layer has no parameter " + key);
            assertEquals(target.length(), fused.getParam(key).length(), key);
            target.assign(fused.getParam(key).reshape(target.shape()));
        }
        assertEquals(fused.params(), ref.params(), "same flat layout as DL4J's layer");
        return ref;
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void forwardAndGradientsEqualDl4jLayerOnSameWeights(FusedCell cell) {
        MultiLayerNetwork fused = twoLayers(true, cell, new NoOp(), 0);
        MultiLayerNetwork ref = referenceTwin(fused, cell, new NoOp(), 0);
        INDArray in = GruTestSupport.randomInput(3, 3, 7, 101);
        INDArray labels = GruTestSupport.randomOneHot(3, 3, 7, 102);
        assertTrue(maxRelDiff(fused.output(in, false), ref.output(in, false)) < REL);
        List<INDArray> fusedActs = fused.feedForward(in, false);
        List<INDArray> refActs = ref.feedForward(in, false);
        for (int i = 1; i <= 2; i++) {
            assertTrue(maxRelDiff(fusedActs.get(i), refActs.get(i)) < REL, "layer " + i);
        }
        assertGradientsEqual(fused, ref, in, labels, null);
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void trailingPaddingGivesDl4jLayersOutputsAndGradients(FusedCell cell) {
        MultiLayerNetwork fused = twoLayers(true, cell, new NoOp(), 0);
        MultiLayerNetwork ref = referenceTwin(fused, cell, new NoOp(), 0);
        INDArray in = GruTestSupport.randomInput(3, 3, 6, 103);
        INDArray labels = GruTestSupport.randomOneHot(3, 3, 6, 104);
        INDArray mask = GruTestSupport.lengthMask(6, 6, 4, 2);
        assertTrue(maxRelDiff(fused.output(in, false, mask, mask), ref.output(in, false, mask, mask)) < REL);
        assertGradientsEqual(fused, ref, in, labels, mask);
    }

    /**
     * The step products skip the rows after the last one with a real step (idle rows); rows not
     * ordered by length (a short row before a long one, the last row padded where earlier ones are
     * not) must still give DL4J's values. (Gaps inside a row are not compared: there DL4J's layers
     * reset the state where ours carry it; the gradient checks cover them.)
     */
    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void paddingInAnyRowOrderGivesDl4jLayersOutputsAndGradients(FusedCell cell) {
        MultiLayerNetwork fused = twoLayers(true, cell, new NoOp(), 0);
        MultiLayerNetwork ref = referenceTwin(fused, cell, new NoOp(), 0);
        INDArray in = GruTestSupport.randomInput(4, 3, 6, 105);
        INDArray labels = GruTestSupport.randomOneHot(4, 3, 6, 106);
        INDArray mask = GruTestSupport.lengthMask(6, 2, 6, 3, 1);
        assertTrue(maxRelDiff(fused.output(in, false, mask, mask), ref.output(in, false, mask, mask)) < REL);
        assertGradientsEqual(fused, ref, in, labels, mask);
    }

    /**
     * Scratch buffers grow and hand out views of their start: a longer batch after a shorter one
     * (and a shorter after a longer) must give what a fresh network gives.
     */
    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void batchesOfChangingLengthGiveWhatAFreshNetworkGives(FusedCell cell) {
        MultiLayerNetwork reused = twoLayers(true, cell, new NoOp(), 0);
        int[] lengths = {4, 9, 2, 9};
        for (int i = 0; i < lengths.length; i++) {
            INDArray in = GruTestSupport.randomInput(3, 3, lengths[i], 200 + i);
            INDArray labels = GruTestSupport.randomOneHot(3, 3, lengths[i], 300 + i);
            INDArray mask = GruTestSupport.lengthMask(lengths[i], lengths[i], lengths[i] - 1, 1);
            MultiLayerNetwork fresh = twoLayers(true, cell, new NoOp(), 0);
            fresh.setParams(reused.params().dup());
            assertTrue(maxRelDiff(reused.output(in, false, mask, mask), fresh.output(in, false, mask, mask)) < TOL,
                    "output, batch " + i);
            computeGradients(reused, in, labels, mask);
            computeGradients(fresh, in, labels, mask);
            assertTrue(maxRelDiff(reused.getGradientsViewArray(), fresh.getGradientsViewArray()) < TOL,
                    "gradients, batch " + i);
        }
    }

    @Test
    void busyRowsEndAtTheLastRowWithARealStep() {
        double[][] byStep = {{1, 1, 1}, {1, 0.5, 0}, {0, 1, 0}, {0, 0, 0}};
        assertArrayEquals(new int[]{3, 2, 2, 0}, FusedRecurrentImpl.busyRows(byStep, 3, 4));
        assertArrayEquals(new int[]{3, 3}, FusedRecurrentImpl.busyRows(null, 3, 2));
    }

    @Test
    void rowBlocksHoldAboutTheSameBusyStepsEach() {
        // no padding: equal halves and thirds
        assertArrayEquals(new int[]{0, 16, 32}, FusedRecurrentImpl.rowBlocks(new int[]{32, 32, 32}, 32, 2));
        assertArrayEquals(new int[]{0, 10, 20, 30}, FusedRecurrentImpl.rowBlocks(new int[]{30, 30}, 30, 3));
        // rows by falling length: row r is busy for 40 - r steps (busyRows[t] = rows still going at t)
        int batch = 40;
        int[] busy = new int[40];
        for (int t = 0; t < busy.length; t++) {
            busy[t] = batch - t;
        }
        int[] blocks = FusedRecurrentImpl.rowBlocks(busy, batch, 2);
        assertEquals(3, blocks.length);
        long first = 0;
        long second = 0;
        for (int r = 0; r < batch; r++) {
            if (r < blocks[1]) {
                first += 40 - r;
            } else {
                second += 40 - r;
            }
        }
        assertTrue(blocks[1] < batch / 2, "the long rows share out among fewer rows: " + blocks[1]);
        assertTrue(Math.abs(first - second) <= 40, "busy steps " + first + " and " + second);
        // nothing busy: equal blocks
        assertArrayEquals(new int[]{0, 4, 8}, FusedRecurrentImpl.rowBlocks(new int[]{0, 0}, 8, 2));
    }

    /** The network's score and gradients for this batch (the mask on input and labels, or none). */
    private static void computeGradients(MultiLayerNetwork net, INDArray in, INDArray labels, INDArray mask) {
        net.setLayerMaskArrays(mask, mask);
        net.setInput(in);
        net.setLabels(labels);
        net.computeGradientAndScore();
        net.clearLayerMaskArrays();
    }

    private static void assertGradientsEqual(MultiLayerNetwork fused, MultiLayerNetwork ref, INDArray in,
                                             INDArray labels, INDArray mask) {
        computeGradients(fused, in, labels, mask);
        computeGradients(ref, in, labels, mask);
        assertEquals(ref.score(), fused.score(), 1e-12 * Math.abs(ref.score()));
        assertTrue(maxRelDiff(fused.getGradientsViewArray(), ref.getGradientsViewArray()) < REL,
                "gradients differ by " + maxRelDiff(fused.getGradientsViewArray(), ref.getGradientsViewArray()));
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void truncatedBpttOverOneSegmentEqualsDl4jLayers(FusedCell cell) {
        MultiLayerNetwork fused = twoLayers(true, cell, new Sgd(0.1), 4);
        MultiLayerNetwork ref = referenceTwin(fused, cell, new Sgd(0.1), 4);
        INDArray in = GruTestSupport.randomInput(2, 3, 4, 105);
        INDArray labels = GruTestSupport.randomOneHot(2, 3, 4, 106);
        for (int i = 0; i < 3; i++) {
            fused.fit(in, labels);
            ref.fit(in, labels);
        }
        assertTrue(maxRelDiff(fused.params(), ref.params()) < REL);
    }

    /**
     * A truncated-BPTT fit over two segments against a by-hand computation: plain gradient of the
     * first segment, SGD step, then finite differences of the second segment's loss starting from
     * the state the first segment left (a constant for the truncated gradient), SGD step. DL4J's own
     * layers are no reference here: in 1.0.0-M2.1 SimpleRnn recomputes its forward pass from a zero
     * state in backprop, and LSTM's later-segment gradients differ from this as well.
     */
    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void truncatedBpttSecondSegmentFollowsFiniteDifferences(FusedCell cell) {
        double lr = 0.1;
        int batch = 2;
        MultiLayerNetwork net = twoLayers(true, cell, new Sgd(lr), 3);
        INDArray in = GruTestSupport.randomInput(batch, 3, 6, 107);
        INDArray labels = GruTestSupport.randomOneHot(batch, 3, 6, 108);
        INDArray first = in.get(all(), all(), interval(0, 3)).dup();
        INDArray firstLabels = labels.get(all(), all(), interval(0, 3)).dup();
        INDArray second = in.get(all(), all(), interval(3, 6)).dup();
        INDArray secondLabels = labels.get(all(), all(), interval(3, 6)).dup();

        // By hand, on a copy without truncation: segment 1 from a zero state...
        MultiLayerNetwork hand = twoLayers(true, cell, new NoOp(), 0);
        hand.setParams(net.params());
        hand.setInput(first);
        hand.setLabels(firstLabels);
        hand.computeGradientAndScore();
        INDArray theta1 = net.params().sub(hand.getGradientsViewArray().mul(lr / batch));
        hand.rnnClearPreviousState();
        hand.rnnTimeStep(first); // the state segment 1 leaves, computed with the weights before the step
        List<java.util.Map<String, INDArray>> carried = List.of(hand.rnnGetPreviousState(0), hand.rnnGetPreviousState(1));
        hand.setParams(theta1);

        net.fit(in, labels);
        INDArray theta2 = net.params();
        INDArray p = hand.params();
        double h = 1e-6;
        int checked = 0;
        for (long i = 0; i < p.length(); i += 3) {
            double original = p.getDouble(i);
            p.putScalar(i, original + h);
            double plus = segmentLoss(hand, carried, second, secondLabels);
            p.putScalar(i, original - h);
            double minus = segmentLoss(hand, carried, second, secondLabels);
            p.putScalar(i, original);
            double expected = original - lr / batch * (plus - minus) / (2 * h);
            assertEquals(expected, theta2.getDouble(i), 1e-8, "parameter " + i);
            checked++;
        }
        assertTrue(checked > 10);
    }

    /** Summed cross-entropy of one segment, continuing from the given recurrent states. */
    private static double segmentLoss(MultiLayerNetwork net, List<java.util.Map<String, INDArray>> states,
                                      INDArray in, INDArray labels) {
        for (int l = 0; l < states.size(); l++) {
            java.util.Map<String, INDArray> copy = new java.util.HashMap<>();
            states.get(l).forEach((k, v) -> copy.put(k, v.dup()));
            net.rnnSetPreviousState(l, copy);
        }
        INDArray out = net.rnnTimeStep(in);
        return -org.nd4j.linalg.ops.transforms.Transforms.log(out, true).mul(labels).sumNumber().doubleValue();
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void maskedOutputOfPaddedSequenceEqualsOutputOfTruncatedSequence(FusedCell cell) {
        MultiLayerNetwork net = GruTestSupport.recurrentNet(cell.fused(3, 5), 5, 2, 21);
        INDArray padded = GruTestSupport.randomInput(2, 3, 7, 22);
        INDArray mask = GruTestSupport.lengthMask(7, 7, 4);
        INDArray both = net.output(padded, false, mask, null);
        INDArray second = net.output(padded.get(interval(1, 2), all(), interval(0, 4)).dup(), false);
        assertTrue(maxAbsDiff(both.get(interval(1, 2), all(), interval(0, 4)), second) < TOL);
        List<INDArray> acts = net.feedForward(padded, mask, null);
        net.clearLayerMaskArrays();
        assertEquals(0.0, acts.get(1).get(interval(1, 2), all(), interval(4, 7)).amaxNumber().doubleValue(), 0.0,
                "padded steps output zeros");
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void rnnTimeStepStepByStepEqualsFullForwardPass(FusedCell cell) {
        MultiLayerNetwork net = twoLayers(true, cell, new NoOp(), 0);
        INDArray in = GruTestSupport.randomInput(2, 3, 6, 31);
        INDArray full = net.output(in, false);
        net.rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray out = net.rnnTimeStep(in.get(all(), all(), interval(t, t + 1)).dup());
            INDArray expected = full.get(all(), all(), interval(t, t + 1));
            assertTrue(maxAbsDiff(out.reshape(expected.shape()), expected) < TOL, "step " + t);
        }
        assertNotNull(net.rnnGetPreviousState(0).get(cell.stateKey()));
        // Chunks of several steps continue the state as well, and clearing restarts from zero.
        net.rnnClearPreviousState();
        assertNull(net.rnnGetPreviousState(0).get(cell.stateKey()));
        INDArray a = net.rnnTimeStep(in.get(all(), all(), interval(0, 4)).dup());
        INDArray b = net.rnnTimeStep(in.get(all(), all(), interval(4, 6)).dup());
        assertTrue(maxAbsDiff(a, full.get(all(), all(), interval(0, 4))) < TOL);
        assertTrue(maxAbsDiff(b, full.get(all(), all(), interval(4, 6))) < TOL);
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void rnnTimeStepEqualsDl4jLayer(FusedCell cell) {
        MultiLayerNetwork fused = twoLayers(true, cell, new NoOp(), 0);
        MultiLayerNetwork ref = referenceTwin(fused, cell, new NoOp(), 0);
        INDArray in = GruTestSupport.randomInput(2, 3, 4, 32);
        for (int t = 0; t < 4; t++) {
            INDArray step = in.get(all(), all(), interval(t, t + 1)).dup();
            assertTrue(maxRelDiff(fused.rnnTimeStep(step), ref.rnnTimeStep(step)) < REL, "step " + t);
        }
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void modelSerializerRoundTripGivesIdenticalNetwork(FusedCell cell) throws Exception {
        MultiLayerNetwork net = twoLayers(true, cell, new Adam(1e-2), 0);
        INDArray in = GruTestSupport.randomInput(2, 3, 5, 42);
        net.fit(in, GruTestSupport.randomOneHot(2, 3, 5, 43)); // non-trivial updater state
        MultiLayerNetwork restored = roundTrip(net);
        assertEquals(net.getLayerWiseConfigurations(), restored.getLayerWiseConfigurations());
        assertEquals(net.params(), restored.params());
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        assertEquals(0.0, maxAbsDiff(net.output(in, false), restored.output(in, false)), 0.0);
        assertEquals(cell.fused(3, 5).getClass(),
                restored.getLayerWiseConfigurations().getConf(0).getLayer().getClass());
    }

    @Test
    void lstmSettingsSurviveJsonAndGlobalClippingReachesTheLayer() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(0.7)
                .list()
                .layer(new FusedLstm.Builder().nIn(3).nOut(5).forgetGateBiasInit(2.5)
                        .gateActivationFunction(Activation.HARDSIGMOID).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).nIn(5).nOut(2).build())
                .build();
        FusedLstm lstm = (FusedLstm) MultiLayerConfiguration.fromJson(conf.toJson()).getConf(0).getLayer();
        assertEquals(2.5, lstm.getForgetGateBiasInit());
        assertEquals(Activation.HARDSIGMOID.getActivationFunction(), lstm.getGateActivationFn());
        assertEquals(GradientNormalization.ClipElementWiseAbsoluteValue, lstm.getGradientNormalization());
        assertEquals(0.7, lstm.getGradientNormalizationThreshold());
    }

    @Test
    void lstmForgetGateBiasStartsAtItsInitialValue() {
        MultiLayerNetwork net = GruTestSupport.recurrentNet(
                new FusedLstm.Builder().nIn(3).nOut(4).forgetGateBiasInit(1.5).build(), 4, 2, 51);
        INDArray b = net.getParam("0_" + FusedLstmParamInitializer.BIAS_KEY);
        assertEquals(List.of(1L, 16L), List.of(b.shape()[0], b.shape()[1]));
        INDArray expected = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, 1, 16);
        expected.get(all(), interval(4, 8)).assign(1.5);
        assertEquals(expected, b);
        // The views really are the network's parameters.
        net.getParam("0_" + FusedLstmParamInitializer.INPUT_WEIGHT_KEY).putScalar(0, 0, 42.0);
        assertEquals(42.0, net.params().getDouble(0), 0.0);
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void floatNetworkMatchesDoubleNetwork(FusedCell cell) {
        MultiLayerNetwork dbl = twoLayers(true, cell, new NoOp(), 0);
        MultiLayerNetwork flt = dbl.convertDataType(DataType.FLOAT);
        INDArray in = GruTestSupport.randomInput(2, 3, 6, 62);
        INDArray labels = GruTestSupport.randomOneHot(2, 3, 6, 63);
        INDArray mask = GruTestSupport.lengthMask(6, 6, 4);
        INDArray outD = dbl.output(in, false, mask, null);
        INDArray outF = flt.output(in.castTo(DataType.FLOAT), false, mask.castTo(DataType.FLOAT), null);
        assertEquals(DataType.FLOAT, outF.dataType());
        assertTrue(maxAbsDiff(outD, outF.castTo(DataType.DOUBLE)) < 1e-5);
        dbl.setInput(in);
        dbl.setLabels(labels);
        dbl.computeGradientAndScore();
        flt.setInput(in.castTo(DataType.FLOAT));
        flt.setLabels(labels.castTo(DataType.FLOAT));
        flt.computeGradientAndScore();
        assertTrue(maxRelDiff(dbl.getGradientsViewArray(), flt.getGradientsViewArray().castTo(DataType.DOUBLE)) < 1e-4);
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void directBlasAndNd4jGemmGiveTheSameGradients(FusedCell cell) {
        MultiLayerNetwork net = twoLayers(true, cell, new NoOp(), 0);
        INDArray in = GruTestSupport.randomInput(3, 3, 5, 71);
        INDArray labels = GruTestSupport.randomOneHot(3, 3, 5, 72);
        net.setInput(in);
        net.setLabels(labels);
        net.computeGradientAndScore();
        INDArray direct = net.getGradientsViewArray().dup();
        Gemm.setDirect(false);
        net.computeGradientAndScore();
        assertTrue(maxRelDiff(direct, net.getGradientsViewArray()) < 1e-13);
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void trainingLossFallsWithDropout(FusedCell cell) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(81).updater(new Adam(2e-2))
                .list()
                .layer(dropped(cell.fused(3, 8)))
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(8).nOut(3).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Learnable: the label at t is the argmax of the input at t-1 (needs the recurrence).
        INDArray in = GruTestSupport.randomInput(8, 3, 6, 82);
        INDArray labels = org.nd4j.linalg.factory.Nd4j.zeros(DataType.DOUBLE, 8, 3, 6);
        for (int b = 0; b < 8; b++) {
            for (int t = 0; t < 6; t++) {
                int cls = t == 0 ? 0 : in.get(interval(b, b + 1), all(), interval(t - 1, t)).reshape(3).argMax(0).getInt(0);
                labels.putScalar(new int[]{b, cls, t}, 1.0);
            }
        }
        net.setInput(in);
        net.setLabels(labels);
        net.computeGradientAndScore();
        double before = net.score();
        for (int i = 0; i < 150; i++) {
            net.fit(in, labels);
        }
        net.setInput(in);
        net.setLabels(labels);
        net.computeGradientAndScore();
        assertTrue(net.score() < 0.6 * before, "loss " + before + " -> " + net.score());
        assertEquals(net.output(in, false), net.output(in, false), "inference is deterministic");
    }

    private static Layer dropped(Layer layer) {
        layer.setIDropout(new Dropout(0.9));
        return layer;
    }

    /** Models saved before the fused layers existed keep DL4J's LSTM when they are loaded. */
    @Test
    void modelSavedWithDl4jLstmStillLoadsAndPredicts() throws Exception {
        MultiLayerNetwork old = GruTestSupport.recurrentNet(
                new LSTM.Builder().nIn(3).nOut(4).activation(Activation.TANH).forgetGateBiasInit(1.0).build(), 4, 2, 91);
        INDArray in = GruTestSupport.randomInput(2, 3, 5, 92);
        MultiLayerNetwork restored = roundTrip(old);
        assertInstanceOf(LSTM.class, restored.getLayerWiseConfigurations().getConf(0).getLayer());
        assertEquals(old.output(in, false), restored.output(in, false));
        restored.rnnTimeStep(in.get(all(), all(), interval(0, 1)).dup()); // generation still steps
    }

    private static MultiLayerNetwork roundTrip(MultiLayerNetwork net) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, bytes, true);
        return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes.toByteArray()), true);
    }
}
