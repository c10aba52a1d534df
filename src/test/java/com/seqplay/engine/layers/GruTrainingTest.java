package com.seqplay.engine.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The GRU trains: truncated BPTT and a memory task, plus a check against the written-out equations. */
class GruTrainingTest {

    @BeforeAll
    static void doublePrecision() {
        GruTestSupport.useDoublePrecision();
    }

    private static MultiLayerConfiguration.Builder classifier(int nIn, int hidden, int nOut, IUpdater updater) {
        return new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(99).updater(updater)
                .list()
                .layer(new GruLayer.Builder().nIn(nIn).nOut(hidden).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(hidden).nOut(nOut).build());
    }

    /** Inputs are random one-hot symbols, the label at step t is the symbol at step t-1. */
    private static DataSet delayedEcho(int batch, int steps, int symbols, long seed) {
        Random r = new Random(seed);
        INDArray in = Nd4j.zeros(DataType.DOUBLE, batch, symbols, steps);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, symbols, steps);
        for (int b = 0; b < batch; b++) {
            int prev = 0;
            for (int t = 0; t < steps; t++) {
                int s = r.nextInt(symbols);
                in.putScalar(new int[]{b, s, t}, 1.0);
                labels.putScalar(new int[]{b, prev, t}, 1.0);
                prev = s;
            }
        }
        return new DataSet(in, labels);
    }

    @Test
    void truncatedBpttTrainingReducesLoss() {
        MultiLayerConfiguration conf = classifier(3, 12, 3, new Adam(0.05))
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(5).tBPTTBackwardLength(5)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet train = delayedEcho(16, 20, 3, 1);
        double before = net.score(train);
        for (int i = 0; i < 40; i++) {
            net.fit(train); // 4 segments, 4 updates
        }
        double after = net.score(train);
        assertTrue(after < 0.3 * before, "loss " + before + " -> " + after);
    }

    @Test
    void tbpttWithBackwardShorterThanForwardRuns() {
        MultiLayerConfiguration conf = classifier(3, 6, 3, new Adam(0.05))
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(6).tBPTTBackwardLength(3)
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DataSet train = delayedEcho(8, 12, 3, 2);
        double before = net.score(train);
        for (int i = 0; i < 30; i++) {
            net.fit(train);
        }
        assertTrue(net.score(train) < before);
    }

    @Test
    void singleSegmentTbpttEqualsStandardBptt() {
        DataSet train = delayedEcho(4, 6, 3, 3);
        MultiLayerNetwork standard = new MultiLayerNetwork(classifier(3, 5, 3, new Sgd(0.5)).build());
        standard.init();
        MultiLayerNetwork truncated = new MultiLayerNetwork(classifier(3, 5, 3, new Sgd(0.5))
                .backpropType(BackpropType.TruncatedBPTT).tBPTTForwardLength(6).tBPTTBackwardLength(6).build());
        truncated.init();
        truncated.setParams(standard.params().dup());
        standard.fit(train);
        truncated.fit(train);
        assertTrue(standard.params().sub(truncated.params()).amaxNumber().doubleValue() < 1e-12);
    }

    @Test
    void storedStateSegmentsContinueTheSequence() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 5, 3, 4);
        INDArray in = GruTestSupport.randomInput(2, 3, 8, 5);
        INDArray full = net.feedForward(in, false).get(1);
        net.rnnClearPreviousState();
        List<INDArray> first = net.rnnActivateUsingStoredState(in.get(all(), all(), interval(0, 5)).dup(), true, true);
        INDArray firstGru = first.get(1).dup();
        List<INDArray> second = net.rnnActivateUsingStoredState(in.get(all(), all(), interval(5, 8)).dup(), true, true);
        assertTrue(firstGru.sub(full.get(all(), all(), interval(0, 5))).amaxNumber().doubleValue() < 1e-12);
        assertTrue(second.get(1).sub(full.get(all(), all(), interval(5, 8))).amaxNumber().doubleValue() < 1e-12);
    }

    /**
     * Remember the sign of the first input over 10 steps (zeros afterwards); only the last step is
     * labelled. Chance is 50%.
     */
    @Test
    void learnsToRememberTheFirstInputOverTenSteps() {
        int steps = 10;
        MultiLayerNetwork net = new MultiLayerNetwork(classifier(1, 8, 2, new Adam(0.03)).build());
        net.init();
        for (int i = 0; i < 150; i++) {
            net.fit(firstInputTask(32, steps, 100 + i));
        }
        DataSet test = firstInputTask(200, steps, 7);
        INDArray out = net.output(test.getFeatures(), false, null, test.getLabelsMaskArray());
        INDArray predicted = out.get(all(), all(), point(steps - 1)).argMax(1);
        INDArray actual = test.getLabels().get(all(), all(), point(steps - 1)).argMax(1);
        double accuracy = predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertTrue(accuracy > 0.95, "accuracy " + accuracy);
    }

    private static DataSet firstInputTask(int batch, int steps, long seed) {
        Random r = new Random(seed);
        INDArray in = Nd4j.zeros(DataType.DOUBLE, batch, 1, steps);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, 2, steps);
        INDArray labelMask = Nd4j.zeros(DataType.DOUBLE, batch, steps);
        for (int b = 0; b < batch; b++) {
            int cls = r.nextInt(2);
            in.putScalar(new int[]{b, 0, 0}, cls == 0 ? -1.0 : 1.0);
            labels.putScalar(new int[]{b, cls, steps - 1}, 1.0);
            labelMask.putScalar(b, steps - 1, 1.0);
        }
        return new DataSet(in, labels, null, labelMask);
    }

    /** The layer computes exactly the equations in GruLayer's javadoc (written here with plain ND4J ops). */
    @Test
    void outputMatchesTheDocumentedEquations() {
        MultiLayerNetwork net = GruTestSupport.gruNet(2, 3, 2, 8);
        INDArray in = GruTestSupport.randomInput(2, 2, 4, 9);
        INDArray actual = net.feedForward(in, false).get(1);

        INDArray w = net.getParam("0_W");
        INDArray rw = net.getParam("0_RW");
        INDArray b = net.getParam("0_b").reshape(1, 9);
        int h = 3;
        INDArray state = Nd4j.zeros(DataType.DOUBLE, 2, h);
        for (int t = 0; t < 4; t++) {
            INDArray x = in.get(all(), all(), point(t));
            INDArray xp = x.mmul(w).addRowVector(b);
            INDArray hp = state.mmul(rw);
            INDArray r = sigmoid(xp.get(all(), interval(0, h)).add(hp.get(all(), interval(0, h))));
            INDArray z = sigmoid(xp.get(all(), interval(h, 2 * h)).add(hp.get(all(), interval(h, 2 * h))));
            INDArray n = tanh(xp.get(all(), interval(2 * h, 3 * h)).add(r.mul(hp.get(all(), interval(2 * h, 3 * h)))));
            state = z.rsub(1.0).mul(n).add(z.mul(state)); // h_t = (1 - z) n + z h_{t-1}
            assertTrue(state.sub(actual.get(all(), all(), point(t))).amaxNumber().doubleValue() < 1e-14, "step " + t);
        }
        assertEquals(3, h);
    }

    private static INDArray sigmoid(INDArray x) {
        return org.nd4j.linalg.ops.transforms.Transforms.sigmoid(x, true);
    }

    private static INDArray tanh(INDArray x) {
        return org.nd4j.linalg.ops.transforms.Transforms.tanh(x, true);
    }
}
