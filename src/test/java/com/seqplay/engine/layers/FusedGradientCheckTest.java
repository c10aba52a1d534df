package com.seqplay.engine.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Finite-difference checks of the fused LSTM and RNN backward passes, in double precision. */
class FusedGradientCheckTest {

    private static final double EPS = 1e-6;
    private static final double MAX_REL_ERROR = 1e-5;
    private static final double MIN_ABS_ERROR = 1e-9;

    @BeforeAll
    static void doublePrecision() {
        GruTestSupport.useDoublePrecision();
    }

    private static boolean check(MultiLayerNetwork net, INDArray in, INDArray labels, INDArray fMask, INDArray lMask) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(in).labels(labels)
                .inputMask(fMask).labelMask(lMask).epsilon(EPS).maxRelError(MAX_REL_ERROR)
                .minAbsoluteError(MIN_ABS_ERROR).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void gradientsMatchFiniteDifferencesWithoutMask(FusedCell cell) {
        MultiLayerNetwork net = GruTestSupport.recurrentNet(cell.fused(3, 4), 4, 3, 1);
        INDArray in = GruTestSupport.randomInput(2, 3, 5, 2);
        INDArray labels = GruTestSupport.randomOneHot(2, 3, 5, 3);
        assertTrue(check(net, in, labels, null, null));
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void gradientsMatchWithVariableLengthMasks(FusedCell cell) {
        MultiLayerNetwork net = GruTestSupport.recurrentNet(cell.fused(3, 4), 4, 3, 4);
        INDArray in = GruTestSupport.randomInput(3, 3, 6, 5);
        INDArray labels = GruTestSupport.randomOneHot(3, 3, 6, 6);
        INDArray mask = GruTestSupport.lengthMask(6, 6, 3, 1);
        assertTrue(check(net, in, labels, mask, mask));
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void gradientsMatchWithLeadingPaddingMask(FusedCell cell) {
        // Padding before the sequence: the state must carry (stay zero) through the padded steps.
        MultiLayerNetwork net = GruTestSupport.recurrentNet(cell.fused(2, 3), 3, 2, 7);
        INDArray in = GruTestSupport.randomInput(2, 2, 5, 8);
        INDArray labels = GruTestSupport.randomOneHot(2, 2, 5, 9);
        INDArray mask = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][]{{0, 0, 1, 1, 1}, {1, 0, 1, 0, 1}});
        assertTrue(check(net, in, labels, mask, mask));
    }

    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void gradientsMatchForTwoStackedLayersWithMseAndMask(FusedCell cell) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(7).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .list()
                .layer(cell.fused(3, 4))
                .layer(cell.fused(4, 3))
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(3).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray in = GruTestSupport.randomInput(2, 3, 5, 8);
        INDArray labels = GruTestSupport.randomInput(2, 2, 5, 9);
        INDArray mask = GruTestSupport.lengthMask(5, 5, 2);
        assertTrue(check(net, in, labels, mask, mask));
    }

    /**
     * A bidirectional layer as the project builds it for encoders: forward layer, and a second layer
     * reading the sequence reversed within each example's length (ReverseTimeSeriesVertex), reversed
     * back and merged; inside a ComputationGraph, with masks.
     */
    @ParameterizedTest
    @EnumSource(FusedCell.class)
    void gradientsMatchForForwardAndReversedDirectionsInAGraph(FusedCell cell) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(11).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .graphBuilder()
                .addInputs("in")
                .addLayer("forward", cell.fused(3, 4), "in")
                .addVertex("reversed", new ReverseTimeSeriesVertex("in"), "in")
                .addLayer("backward", cell.fused(3, 4), "reversed")
                .addVertex("backwardInOrder", new ReverseTimeSeriesVertex("in"), "backward")
                .addVertex("both", new MergeVertex(), "forward", "backwardInOrder")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .dataFormat(RNNFormat.NCW).nIn(8).nOut(3).build(), "both")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray in = GruTestSupport.randomInput(3, 3, 5, 12);
        INDArray labels = GruTestSupport.randomOneHot(3, 3, 5, 13);
        INDArray mask = GruTestSupport.lengthMask(5, 5, 3, 2);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[]{in}).labels(new INDArray[]{labels})
                .inputMask(new INDArray[]{mask}).labelMask(new INDArray[]{mask})
                .epsilon(EPS).maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }
}
