package com.seqplay.engine.layers;

import java.util.Random;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Not a unit test: a timing main. GRU vs DL4J's LSTM, float32, one-hot input, batch 32, T=100,
 * nIn=98, H=256 (the reference character-model size of the bench command). Run with OMP_NUM_THREADS=1.
 * Args: [layers (default 1)] [iterations (default 20)] [kinds, e.g. GRU,LSTM (default GRU,LSTM,GRU,LSTM)].
 */
public final class GruBenchmark {

    private GruBenchmark() {
    }

    public static void main(String[] args) {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int batch = 32;
        int steps = 100;
        int vocab = 98;
        int hidden = 256;
        DataSet ds = oneHot(batch, vocab, steps);
        System.out.println("backend " + Nd4j.getBackend().getClass().getSimpleName()
                + ", layers " + layers + ", batch " + batch + ", T " + steps + ", nIn " + vocab + ", H " + hidden);
        String[] kinds = args.length > 2 ? args[2].split(",") : new String[]{"GRU", "LSTM", "GRU", "LSTM"};
        for (String kind : kinds) {
            MultiLayerNetwork net = net(kind, layers, vocab, hidden);
            time(kind, net, ds, iterations);
        }
    }

    private static MultiLayerNetwork net(String kind, int layers, int vocab, int hidden) {
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT).seed(1).updater(new Adam(1e-3)).list();
        for (int i = 0; i < layers; i++) {
            int nIn = i == 0 ? vocab : hidden;
            Layer l = kind.equals("GRU")
                    ? new GruLayer.Builder().nIn(nIn).nOut(hidden).build()
                    : new LSTM.Builder().nIn(nIn).nOut(hidden).activation(Activation.TANH).build();
            b.layer(l);
        }
        b.layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .nIn(hidden).nOut(vocab).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    private static void time(String kind, MultiLayerNetwork net, DataSet ds, int iterations) {
        INDArray in = ds.getFeatures();
        for (int i = 0; i < 3; i++) {
            net.fit(ds);
            net.output(in, false);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            net.output(in, false);
        }
        long t1 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            net.setInput(in);
            net.setLabels(ds.getLabels());
            net.computeGradientAndScore();
        }
        long t2 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            net.fit(ds);
        }
        long t3 = System.nanoTime();
        double fwd = (t1 - t0) / 1e6 / iterations;
        double fwdBwd = (t2 - t1) / 1e6 / iterations;
        double fit = (t3 - t2) / 1e6 / iterations;
        long chars = ds.getFeatures().size(0) * ds.getFeatures().size(2);
        System.out.printf("%-4s forward %7.1f ms | forward+backward %7.1f ms | fit (Adam) %7.1f ms = %6.0f chars/s%n",
                kind, fwd, fwdBwd, fit, chars / (fit / 1000.0));
    }

    private static DataSet oneHot(int batch, int vocab, int steps) {
        Random r = new Random(3);
        INDArray in = Nd4j.zeros(DataType.FLOAT, batch, vocab, steps);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, vocab, steps);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                in.putScalar(new int[]{b, r.nextInt(vocab), t}, 1.0);
                labels.putScalar(new int[]{b, r.nextInt(vocab), t}, 1.0);
            }
        }
        return new DataSet(in, labels);
    }
}
