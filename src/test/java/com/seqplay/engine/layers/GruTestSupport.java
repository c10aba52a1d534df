package com.seqplay.engine.layers;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** Shared helpers for the recurrent layer tests: double precision, small networks, random data. */
final class GruTestSupport {

    private GruTestSupport() {
    }

    static void useDoublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** GRU (nIn -> hidden) then a softmax RnnOutputLayer (MCXENT), no updater, as gradient checks need. */
    static MultiLayerNetwork gruNet(int nIn, int hidden, int nOut, long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(seed)
                .updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .list()
                .layer(new GruLayer.Builder().nIn(nIn).nOut(hidden).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(hidden).nOut(nOut).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /** The given recurrent layer (nIn -> hidden) then a softmax RnnOutputLayer (MCXENT), no updater. */
    static MultiLayerNetwork recurrentNet(org.deeplearning4j.nn.conf.layers.Layer recurrent, int hidden, int nOut,
                                          long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(seed)
                .updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .list()
                .layer(recurrent)
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(hidden).nOut(nOut).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static double maxAbsDiff(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    /** max |a - b| relative to the largest magnitude in a or b. */
    static double maxRelDiff(INDArray a, INDArray b) {
        INDArray diff = a.sub(b).amax();
        double scale = Math.max(a.amaxNumber().doubleValue(), b.amaxNumber().doubleValue());
        return diff.getDouble(0) / Math.max(scale, 1e-300);
    }

    static INDArray randomInput(int batch, int nIn, int steps, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(DataType.DOUBLE, batch, nIn, steps);
    }

    /** One-hot labels [batch, nOut, steps] with random classes. */
    static INDArray randomOneHot(int batch, int nOut, int steps, long seed) {
        java.util.Random r = new java.util.Random(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, batch, nOut, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                labels.putScalar(new int[]{b, r.nextInt(nOut), t}, 1.0);
            }
        }
        return labels;
    }

    /** Mask [batch, steps] with example b having lengths[b] leading ones. */
    static INDArray lengthMask(int steps, int... lengths) {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, lengths.length, steps);
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                mask.putScalar(b, t, 1.0);
            }
        }
        return mask;
    }
}
