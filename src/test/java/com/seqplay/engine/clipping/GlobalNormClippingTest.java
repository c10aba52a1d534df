package com.seqplay.engine.clipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

import com.seqplay.engine.layers.GruLayer;

/**
 * Checks that global-norm clipping in onGradientCalculation really changes the applied update.
 * With plain SGD and lr = 1 the parameter change of one fit() is exactly minus the (mean, clipped)
 * gradient, so the change can be compared with what clipping promises.
 */
class GlobalNormClippingTest {

    private static final int BATCH = 3;
    private static final int STEPS = 4;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static MultiLayerConfiguration sgdConf(GradientNormalization normalization, double threshold) {
        NeuralNetConfiguration.Builder b = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(123).updater(new Sgd(1.0));
        if (normalization != null) {
            b.gradientNormalization(normalization).gradientNormalizationThreshold(threshold);
        }
        return b.list()
                .layer(new GruLayer.Builder().nIn(3).nOut(5).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY)
                        .nIn(5).nOut(2).build())
                .build();
    }

    private static MultiLayerNetwork net(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf.clone());
        net.init();
        return net;
    }

    private static DataSet data(long seed) {
        Nd4j.getRandom().setSeed(seed);
        // Large targets give a large gradient norm, so a threshold of 0.1 certainly clips.
        return new DataSet(Nd4j.randn(DataType.DOUBLE, BATCH, 3, STEPS),
                Nd4j.randn(DataType.DOUBLE, BATCH, 2, STEPS).muli(10));
    }

    /** Parameter change of one fit() (= the applied update with SGD lr=1). */
    private static INDArray appliedUpdate(MultiLayerNetwork net, DataSet ds) {
        INDArray before = net.params().dup();
        net.fit(ds);
        return before.sub(net.params());
    }

    @Test
    void clippingScalesTheAppliedUpdateToTheThreshold() {
        DataSet ds = data(1);
        MultiLayerNetwork plain = net(sgdConf(null, 0));
        INDArray unclipped = appliedUpdate(plain, ds);
        double unclippedNorm = unclipped.norm2Number().doubleValue();

        double threshold = 0.1;
        assertTrue(unclippedNorm > 10 * threshold, "test data must produce a large gradient");
        MultiLayerNetwork clippedNet = net(sgdConf(null, 0));
        GlobalNormClipping clip = GlobalNormClipping.clipAt(threshold);
        clippedNet.addListeners(clip);
        INDArray clipped = appliedUpdate(clippedNet, ds);

        assertTrue(clip.wasLastClipped());
        assertEquals(unclippedNorm, clip.getLastNorm(), 1e-10 * unclippedNorm, "reports the pre-clipping norm");
        assertEquals(threshold, clipped.norm2Number().doubleValue(), 1e-12, "applied update has norm = threshold");
        // Same direction: the whole gradient was scaled by one factor.
        INDArray expected = unclipped.mul(threshold / unclippedNorm);
        assertTrue(expected.sub(clipped).amaxNumber().doubleValue() < 1e-14);
    }

    @Test
    void updateIsUnchangedBelowTheThreshold() {
        DataSet ds = data(2);
        MultiLayerNetwork plain = net(sgdConf(null, 0));
        INDArray unclipped = appliedUpdate(plain, ds);
        double unclippedNorm = unclipped.norm2Number().doubleValue();

        MultiLayerNetwork netWithListener = net(sgdConf(null, 0));
        GlobalNormClipping clip = GlobalNormClipping.clipAt(unclippedNorm * 1.01);
        netWithListener.addListeners(clip);
        INDArray update = appliedUpdate(netWithListener, ds);

        assertFalse(clip.wasLastClipped());
        assertEquals(unclippedNorm, clip.getLastNorm(), 1e-10 * unclippedNorm);
        assertEquals(0.0, update.sub(unclipped).amaxNumber().doubleValue(), 0.0);
    }

    @Test
    void reportedNormIsTheNormOfTheSumOfPerExampleGradientsOverBatchSize() {
        DataSet ds = data(3);
        MultiLayerNetwork net = net(sgdConf(null, 0));
        // Manual: gradient of each example alone, summed, divided by the batch size.
        INDArray sum = null;
        for (int e = 0; e < BATCH; e++) {
            net.setInput(ds.getFeatures().get(interval(e, e + 1), all(), all()).dup());
            net.setLabels(ds.getLabels().get(interval(e, e + 1), all(), all()).dup());
            net.computeGradientAndScore();
            INDArray g = net.getGradientsViewArray().dup();
            sum = sum == null ? g : sum.addi(g);
        }
        double manual = sum.divi(BATCH).norm2Number().doubleValue();

        GlobalNormClipping recorder = GlobalNormClipping.recorder();
        net.addListeners(recorder);
        net.fit(ds);
        assertEquals(manual, recorder.getLastNorm(), 1e-10 * manual);
        assertFalse(recorder.wasLastClipped());
        assertEquals(1, recorder.getIterationsSeen());
    }

    @Test
    void recorderMeasuresBeforeDl4jPerLayerClippingAndChangesNothing() {
        DataSet ds = data(4);
        MultiLayerNetwork plain = net(sgdConf(null, 0));
        double unclippedNorm = appliedUpdate(plain, ds).norm2Number().doubleValue();

        MultiLayerConfiguration perLayer = sgdConf(GradientNormalization.ClipL2PerLayer, 0.05);
        MultiLayerNetwork reference = net(perLayer);
        INDArray dl4jClipped = appliedUpdate(reference, ds);

        MultiLayerNetwork recorded = net(perLayer);
        GlobalNormClipping recorder = GlobalNormClipping.recorder();
        recorded.addListeners(recorder);
        INDArray update = appliedUpdate(recorded, ds);

        assertEquals(unclippedNorm, recorder.getLastNorm(), 1e-10 * unclippedNorm);
        assertEquals(0.0, update.sub(dl4jClipped).amaxNumber().doubleValue(), 0.0, "recorder must not alter");
        assertTrue(dl4jClipped.norm2Number().doubleValue() < unclippedNorm / 10, "DL4J clipping did act");
    }

    @Test
    void clippingWorksForComputationGraph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(5).updater(new Sgd(1.0))
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(3))
                .addLayer("gru", new GruLayer.Builder().nOut(4).build(), "in")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(2).build(), "gru")
                .setOutputs("out")
                .build();
        DataSet ds = data(5);
        ComputationGraph plain = new ComputationGraph(conf.clone());
        plain.init();
        INDArray before = plain.params().dup();
        plain.fit(ds);
        INDArray unclipped = before.sub(plain.params());

        ComputationGraph graph = new ComputationGraph(conf.clone());
        graph.init();
        GlobalNormClipping clip = GlobalNormClipping.clipAt(0.2);
        graph.addListeners(clip);
        graph.fit(ds);
        INDArray clipped = before.sub(graph.params());

        assertTrue(clip.wasLastClipped());
        assertEquals(unclipped.norm2Number().doubleValue(), clip.getLastNorm(), 1e-10 * clip.getLastNorm());
        assertEquals(0.2, clipped.norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void listenerHookOrderIsBackwardThenGradientThenIterationDone() {
        List<String> calls = new ArrayList<>();
        MultiLayerNetwork net = net(sgdConf(null, 0));
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void onBackwardPass(Model model) {
                calls.add("backward");
            }

            @Override
            public void onGradientCalculation(Model model) {
                calls.add("gradient");
            }

            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                calls.add("done");
            }
        });
        net.fit(data(6));
        assertEquals(List.of("backward", "gradient", "done"), calls);
    }

    @Test
    void rejectsNonPositiveThreshold() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> GlobalNormClipping.clipAt(0));
    }
}
