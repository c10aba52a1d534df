package com.seqplay.engine.layers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Finite-difference checks of the hand-written GRU backward pass, in double precision. */
class GruGradientCheckTest {

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

    @Test
    void gradientsMatchFiniteDifferencesWithoutMask() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 4, 3, 1);
        INDArray in = GruTestSupport.randomInput(2, 3, 5, 2);
        INDArray labels = GruTestSupport.randomOneHot(2, 3, 5, 3);
        assertTrue(check(net, in, labels, null, null));
    }

    @Test
    void gradientsMatchWithVariableLengthMasks() {
        MultiLayerNetwork net = GruTestSupport.gruNet(3, 4, 3, 4);
        INDArray in = GruTestSupport.randomInput(3, 3, 6, 5);
        INDArray labels = GruTestSupport.randomOneHot(3, 3, 6, 6);
        INDArray mask = GruTestSupport.lengthMask(6, 6, 3, 1);
        assertTrue(check(net, in, labels, mask, mask));
    }

    @Test
    void gradientsMatchForTwoStackedGruLayersWithMseAndMask() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(7).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .list()
                .layer(new GruLayer.Builder().nIn(3).nOut(4).build())
                .layer(new GruLayer.Builder().nIn(4).nOut(3).updateGateBiasInit(0.5).build())
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

    @Test
    void gradientsMatchInsideComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(11).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(3))
                .addLayer("gru", new GruLayer.Builder().nOut(4).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(3).build(), "gru")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        INDArray in = GruTestSupport.randomInput(2, 3, 4, 12);
        INDArray labels = GruTestSupport.randomOneHot(2, 3, 4, 13);
        INDArray mask = GruTestSupport.lengthMask(4, 4, 2);
        assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[]{in}).labels(new INDArray[]{labels})
                .inputMask(new INDArray[]{mask}).labelMask(new INDArray[]{mask})
                .epsilon(EPS).maxRelError(MAX_REL_ERROR).minAbsoluteError(MIN_ABS_ERROR)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)));
    }

    @Test
    void gradientsMatchInsideBidirectionalAndLastTimeStepWrappers() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(17).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .list()
                .layer(new Bidirectional(Bidirectional.Mode.CONCAT, new GruLayer.Builder().nIn(2).nOut(3).build()))
                .layer(new LastTimeStep(new GruLayer.Builder().nIn(6).nOut(3).build()))
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(3).nOut(2).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray in = GruTestSupport.randomInput(2, 2, 4, 18);
        INDArray labels = org.nd4j.linalg.factory.Nd4j.createFromArray(new double[][]{{1, 0}, {0, 1}});
        INDArray mask = GruTestSupport.lengthMask(4, 4, 2);
        assertTrue(check(net, in, labels, mask, null));
    }
}
