package com.seqplay.engine.layers;

import static com.seqplay.engine.layers.GruTestSupport.maxRelDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.seqplay.engine.optimizer.JavaAdam;
import java.util.function.BiFunction;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * A layer whose time loop is shared by a {@link StepTeam} must compute what one thread computes, up
 * to float rounding (the bias gradient is summed per thread, BLAS blocks differ): outputs, loss,
 * parameter gradients and the input gradient on the same weights, for each fused cell, with an
 * odd minibatch (uneven row split) and masks, and sizes large enough that products split at
 * aligned columns. A short training run must follow the same path.
 */
class StepTeamEqualityTest {

    /** The fused cells, GRU included. */
    enum Cell {
        LSTM(FusedCell.LSTM_CELL::fused),
        RNN(FusedCell.RNN_CELL::fused),
        GRU((nIn, nOut) -> new GruLayer.Builder().nIn(nIn).nOut(nOut).build());

        final BiFunction<Integer, Integer, Layer> layer;

        Cell(BiFunction<Integer, Integer, Layer> layer) {
            this.layer = layer;
        }
    }

    private static final int N_IN = 11;
    private static final int HIDDEN = 70;
    private static final int CLASSES = 9;
    private static final int BATCH = 5;
    private static final int STEPS = 9;

    @AfterEach
    void defaultThreads() {
        StepTeam.forceThreads(0);
    }

    private static MultiLayerNetwork net(Cell cell, DataType type, boolean adam) {
        var conf = new NeuralNetConfiguration.Builder()
                .dataType(type).seed(21).updater(adam ? new JavaAdam(1e-2) : new NoOp())
                .weightInit(new NormalDistribution(0, 0.3))
                .list()
                .layer(cell.layer.apply(N_IN, HIDDEN))
                .layer(cell.layer.apply(HIDDEN, HIDDEN))
                .layer(FusedRnnOutputLayer.softmaxCrossEntropy(HIDDEN, CLASSES))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** Everything one gradient computation yields: output, loss, parameter and input gradients. */
    private record Pass(INDArray output, double score, INDArray gradients, INDArray inputGradient) {
    }

    private static Pass pass(MultiLayerNetwork net, int threads, INDArray in, INDArray labels, INDArray mask) {
        StepTeam.forceThreads(threads);
        INDArray output = net.output(in, false, mask, mask).dup();
        Pair<?, INDArray> grads = InputGradient.computing(net, () -> net.calculateGradients(in, labels, mask, mask));
        double score = net.score();
        return new Pass(output, score, net.getGradientsViewArray().dup(), grads.getSecond().dup());
    }

    private static INDArray mask() {
        // Trailing padding, leading padding and a gap, all in one minibatch.
        return Nd4j.createFromArray(new double[][]{
                {1, 1, 1, 1, 1, 1, 1, 1, 1},
                {1, 1, 1, 1, 1, 0, 0, 0, 0},
                {0, 0, 1, 1, 1, 1, 1, 1, 1},
                {1, 1, 1, 0, 1, 1, 1, 1, 1},
                {1, 1, 1, 1, 1, 1, 1, 0, 0}});
    }

    private static void assertSamePass(Pass one, Pass two, double tolerance) {
        assertTrue(maxRelDiff(one.output(), two.output()) < tolerance,
                "outputs differ by " + maxRelDiff(one.output(), two.output()));
        assertEquals(one.score(), two.score(), tolerance * Math.abs(one.score()));
        assertTrue(maxRelDiff(one.gradients(), two.gradients()) < tolerance,
                "gradients differ by " + maxRelDiff(one.gradients(), two.gradients()));
        assertTrue(maxRelDiff(one.inputGradient(), two.inputGradient()) < tolerance,
                "input gradients differ by " + maxRelDiff(one.inputGradient(), two.inputGradient()));
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void twoThreadsGiveOneThreadsResultsInDouble(Cell cell) {
        MultiLayerNetwork net = net(cell, DataType.DOUBLE, false);
        INDArray in = GruTestSupport.randomInput(BATCH, N_IN, STEPS, 31);
        INDArray labels = GruTestSupport.randomOneHot(BATCH, CLASSES, STEPS, 32);
        Pass one = pass(net, 1, in, labels, mask());
        Pass two = pass(net, 2, in, labels, mask());
        assertSamePass(one, two, 1e-12);
        // The comparison can fail: the gradients are not trivially zero.
        assertTrue(one.gradients().amaxNumber().doubleValue() > 1e-3);
        assertTrue(one.inputGradient().amaxNumber().doubleValue() > 1e-6);
        // Three threads: an uneven split of both rows and columns.
        assertSamePass(one, pass(net, 3, in, labels, mask()), 1e-12);
    }

    /**
     * Rows ordered by falling length (as translation batches are), one with leading padding and one
     * with a gap: enough rows for two and three threads to take a block of rows each through the
     * whole time loop ({@link FusedRecurrentImpl#rowBlocks}).
     */
    private static INDArray manyRowsMask(int batch, int steps) {
        double[][] m = new double[batch][steps];
        for (int r = 0; r < batch; r++) {
            int length = steps - r * (steps - 1) / batch;
            for (int t = 0; t < length; t++) {
                m[r][t] = 1;
            }
        }
        m[3][0] = 0;
        m[3][1] = 0;
        m[7][4] = 0;
        return Nd4j.createFromArray(m);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void rowBlocksGiveOneThreadsResultsInDouble(Cell cell) {
        int batch = 3 * FusedRecurrentImpl.MIN_BLOCK_ROWS + 1;
        MultiLayerNetwork net = net(cell, DataType.DOUBLE, false);
        INDArray in = GruTestSupport.randomInput(batch, N_IN, STEPS, 41);
        INDArray labels = GruTestSupport.randomOneHot(batch, CLASSES, STEPS, 42);
        INDArray mask = manyRowsMask(batch, STEPS);
        Pass one = pass(net, 1, in, labels, mask);
        long before = FusedRecurrentImpl.ROW_BLOCK_LOOPS.get();
        assertSamePass(one, pass(net, 2, in, labels, mask), 1e-12);
        assertSamePass(one, pass(net, 3, in, labels, mask), 1e-12);
        // two layers, forward and backward, two team sizes (the output's masked steps add no rows)
        assertTrue(FusedRecurrentImpl.ROW_BLOCK_LOOPS.get() - before >= 8, "the teams ran row blocks");
        assertTrue(one.gradients().amaxNumber().doubleValue() > 1e-3);
        // and without a mask, on a network that never saw one: calculateGradients leaves its masks
        // set in DL4J's layers, so output() without masks on this network would still apply them
        MultiLayerNetwork fresh = net(cell, DataType.DOUBLE, false);
        assertSamePass(pass(fresh, 1, in, labels, null), pass(fresh, 2, in, labels, null), 1e-12);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void twoThreadsGiveOneThreadsResultsInFloat(Cell cell) {
        MultiLayerNetwork net = net(cell, DataType.FLOAT, false);
        INDArray in = GruTestSupport.randomInput(BATCH, N_IN, STEPS, 33).castTo(DataType.FLOAT);
        INDArray labels = GruTestSupport.randomOneHot(BATCH, CLASSES, STEPS, 34).castTo(DataType.FLOAT);
        INDArray mask = mask().castTo(DataType.FLOAT);
        assertSamePass(pass(net, 1, in, labels, mask), pass(net, 2, in, labels, mask), 1e-5);
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void trainingWithTwoThreadsFollowsOneThread(Cell cell) {
        MultiLayerNetwork one = net(cell, DataType.FLOAT, true);
        MultiLayerNetwork two = net(cell, DataType.FLOAT, true);
        assertEquals(one.params(), two.params());
        INDArray in = GruTestSupport.randomInput(BATCH, N_IN, STEPS, 35).castTo(DataType.FLOAT);
        INDArray labels = GruTestSupport.randomOneHot(BATCH, CLASSES, STEPS, 36).castTo(DataType.FLOAT);
        INDArray before = one.params().dup();
        for (int i = 0; i < 5; i++) {
            StepTeam.forceThreads(1);
            one.fit(in, labels);
            StepTeam.forceThreads(2);
            two.fit(in, labels);
        }
        assertFalse(before.equalsWithEps(one.params(), 1e-3), "training moved the parameters");
        assertTrue(maxRelDiff(one.params(), two.params()) < 1e-4,
                "parameters differ by " + maxRelDiff(one.params(), two.params()));
    }
}
