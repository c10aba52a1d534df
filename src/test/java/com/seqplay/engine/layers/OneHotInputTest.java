package com.seqplay.engine.layers;

import static com.seqplay.engine.layers.GruTestSupport.maxRelDiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * One-hot inputs take a shortcut in the fused layers (rows of W added in the step loop instead of
 * the input projection and weight-gradient products): with it, outputs and every gradient equal
 * those of the products on the same weights, for each cell, with padding, masks and two threads.
 */
class OneHotInputTest {

    private static final double REL = 1e-12;

    @BeforeAll
    static void doublePrecision() {
        GruTestSupport.useDoublePrecision();
    }

    @AfterEach
    void shortcutBackOn() {
        OneHotInput.setEnabled(true);
        StepTeam.forceThreads(0);
    }

    private static Layer cell(String name, int nIn, int nOut) {
        return switch (name) {
            case "lstm" -> new FusedLstm.Builder().nIn(nIn).nOut(nOut).build();
            case "rnn" -> new FusedSimpleRnn.Builder().nIn(nIn).nOut(nOut).build();
            case "gru" -> new GruLayer.Builder().nIn(nIn).nOut(nOut).build();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** One-hot input (vocabulary 6) → cell 5 → cell 4 → softmax 3; only the first layer sees one-hot rows. */
    private static MultiLayerNetwork network(String name) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(11).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .list()
                .layer(cell(name, 6, 5))
                .layer(cell(name, 5, 4))
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(4).nOut(3).build())
                .build());
        net.init();
        return net;
    }

    /** Tokens per row; rows shorter than the batch's longest are padded with all-zero steps. */
    private static INDArray oneHot(int vocabulary, int steps, int[][] tokens) {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, tokens.length, vocabulary, steps);
        for (int b = 0; b < tokens.length; b++) {
            for (int t = 0; t < tokens[b].length; t++) {
                x.putScalar(new int[]{b, tokens[b][t], t}, 1.0);
            }
        }
        return x;
    }

    private static INDArray[] outputsAndGradients(MultiLayerNetwork net, INDArray in, INDArray labels, INDArray mask) {
        INDArray out = net.output(in, false, mask, mask);
        net.setLayerMaskArrays(mask, mask);
        net.setInput(in);
        net.setLabels(labels);
        net.computeGradientAndScore();
        net.clearLayerMaskArrays();
        return new INDArray[]{out, net.getGradientsViewArray().dup()};
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm", "rnn", "gru"})
    void outputsAndGradientsEqualTheProducts(String name) {
        for (int threads : new int[]{0, 2}) {
            StepTeam.forceThreads(threads);
            int[][] tokens = {{1, 2, 3, 4, 5, 0}, {5, 5, 1}, {0, 3, 3, 2}, {4}};
            INDArray in = oneHot(6, 6, tokens);
            INDArray labels = GruTestSupport.randomOneHot(4, 3, 6, 7);
            INDArray mask = GruTestSupport.lengthMask(6, 6, 3, 4, 1);

            MultiLayerNetwork net = network(name);
            INDArray[] shortcut = outputsAndGradients(net, in, labels, mask);
            OneHotInput.setEnabled(false);
            INDArray[] products = outputsAndGradients(net, in, labels, mask);
            OneHotInput.setEnabled(true);

            assertTrue(maxRelDiff(shortcut[0], products[0]) < REL, name + " outputs, threads " + threads);
            assertTrue(maxRelDiff(shortcut[1], products[1]) < REL, name + " gradients differ by "
                    + maxRelDiff(shortcut[1], products[1]) + ", threads " + threads);
            assertTrue(products[1].norm2Number().doubleValue() > 0);
        }
    }

    @Test
    void onlyRowsWithASingleOneAndZerosTakeTheShortcut() {
        INDArray wT = Nd4j.rand(DataType.DOUBLE, 8, 3); // Wᵀ: 8 gate columns, 3 inputs
        INDArray b = Nd4j.rand(DataType.DOUBLE, 1, 8);
        assertNotNull(OneHotInput.find(Nd4j.createFromArray(new double[][]{{0, 1, 0}, {0, 0, 0}, {1, 0, 0}}), wT, b));
        assertNull(OneHotInput.find(Nd4j.createFromArray(new double[][]{{0, 1, 0}, {1, 0, 1}}), wT, b), "two ones");
        assertNull(OneHotInput.find(Nd4j.createFromArray(new double[][]{{0, 1, 0}, {0, 0.5, 0}}), wT, b), "not 1");
        assertNull(OneHotInput.find(Nd4j.createFromArray(new double[][]{{0, 2, 0}}), wT, b), "2");
    }

    @Test
    void theProjectionIsTheRowOfWPlusTheBias() {
        INDArray wT = Nd4j.createFromArray(new double[][]{{1, 3, 5}, {2, 4, 6}}); // W = [[1, 2], [3, 4], [5, 6]]
        INDArray b = Nd4j.createFromArray(new double[][]{{10, 20}});
        OneHotInput in = OneHotInput.find(Nd4j.createFromArray(new double[][]{{0, 0, 1}, {0, 0, 0}}), wT, b);
        double[] pre = new double[4];
        in.addProjection(0, pre, 0);
        in.addProjection(1, pre, 2);
        assertEquals(List.of(15.0, 26.0, 10.0, 20.0), List.of(pre[0], pre[1], pre[2], pre[3]));
    }
}
