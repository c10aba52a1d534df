package com.seqplay.engine.bench;

import com.seqplay.bench.StepTimeReport;
import com.seqplay.engine.Backend;
import com.seqplay.engine.NetworkBuilder;
import com.seqplay.spec.CellType;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Why attention replaced recurrence, measured: time per training step (forward pass, backward
 * pass, update) against sequence length, for each recurrent cell as a run gets it
 * ({@link NetworkBuilder}, one layer) and for a self-attention model of about the same size.
 *
 * <p>The self-attention model: a per-position projection of the input to the model width, one
 * DL4J {@link SelfAttentionLayer} (4 heads, projected queries, keys and values), a per-position
 * dense layer, then the same softmax output per position as the recurrent models. With width 128
 * it has about 86,000 weights before the output layer, an LSTM of 128 units about 82,000.
 *
 * <p>A recurrent cell must finish step t before it can start step t + 1: its work is a chain of
 * {@code length} small matrix products. Self-attention computes every position at once (large
 * products), at a cost that grows with the square of the length (every position looks at every
 * other). Each point is the fastest of several steps: other work on the machine can only make a
 * step slower, so the fastest is the closest to the model's own cost (as Python's timeit advises).
 */
public final class StepTimeBenchmark {
    /** The self-attention model's name in the report. */
    public static final String ATTENTION = "attention";
    private static final int HEADS = 4;

    /**
     * @param lengths sequence lengths to measure
     * @param batch sequences per step
     * @param size hidden size of the cells, width of the attention model
     * @param inputs one-hot input width
     * @param warmup untimed steps per model and length (JIT, native buffers)
     * @param steps timed steps per model and length; the fastest is reported
     */
    public record Config(List<Integer> lengths, int batch, int size, int inputs, int warmup, int steps) {
        public static Config standard() {
            return new Config(List.of(25, 50, 100, 200, 400), 16, 128, 32, 2, 5);
        }
    }

    private StepTimeBenchmark() {}

    /** Every model at every length; each point goes to {@code progress} as soon as it is measured. */
    public static StepTimeReport measure(List<String> models, Config c, Consumer<StepTimeReport.Point> progress) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Backend backend = Backend.current();
        List<StepTimeReport.Point> points = new ArrayList<>();
        for (String model : models) {
            MultiLayerNetwork net = build(model, c);
            for (int length : c.lengths()) {
                DataSet batch = randomBatch(c, length, new Random(length));
                double ms = fastestStepMillis(net, batch, c);
                var point = new StepTimeReport.Point(model, net.numParams(), length, ms,
                        model.equals(ATTENTION) ? 1 : length);
                points.add(point);
                progress.accept(point);
            }
        }
        return new StepTimeReport(Instant.now(), backend.name(), backend.device(), c.batch(), c.size(), c.inputs(),
                points);
    }

    /** The line printed per point: {@code model=<..> length=<..> ms_per_step=<..>} and the details. */
    public static String line(StepTimeReport.Point p) {
        return String.format(Locale.ROOT, "model=%s length=%d ms_per_step=%.2f params=%d sequential_steps=%d",
                p.model(), p.length(), p.msPerStep(), p.parameters(), p.sequentialSteps());
    }

    /** The models this benchmark knows: the cells' ids and {@value #ATTENTION}. */
    public static boolean knows(String model) {
        return model.equals(ATTENTION) || CellType.fromId(model).isPresent();
    }

    static MultiLayerNetwork build(String model, Config c) {
        if (model.equals(ATTENTION)) {
            return attention(c);
        }
        CellType cell = CellType.fromId(model)
                .orElseThrow(() -> new IllegalArgumentException("unknown model '" + model + "': use rnn, lstm, gru or attention"));
        RunSpec spec = SpecValidator.complete(SpecJson.parse("""
                {"task":"textgen","cell":"%s","layers":1,"hiddenSize":%d,"batchSize":%d,
                 "clipping":{"mode":"none"},"learningRate":0.001}""".formatted(cell.id(), c.size(), c.batch())));
        return NetworkBuilder.sequenceClassifier(spec, c.inputs(), c.inputs());
    }

    static MultiLayerNetwork attention(Config c) {
        int headSize = c.size() / HEADS;
        var conf = new NeuralNetConfiguration.Builder()
                .seed(1).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(new Adam(1e-3))
                .list()
                .layer(new DenseLayer.Builder().nIn(c.inputs()).nOut(c.size()).activation(Activation.IDENTITY).build())
                .layer(new SelfAttentionLayer.Builder().nIn(c.size()).nOut(c.size()).nHeads(HEADS).headSize(headSize)
                        .projectInput(true).build())
                .layer(new DenseLayer.Builder().nIn(c.size()).nOut(c.size()).activation(Activation.RELU).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(c.size()).nOut(c.inputs()).build())
                .setInputType(InputType.recurrent(c.inputs()))
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static double fastestStepMillis(MultiLayerNetwork net, DataSet batch, Config c) {
        for (int i = 0; i < c.warmup(); i++) {
            net.fit(batch);
        }
        double[] ms = new double[c.steps()];
        for (int i = 0; i < c.steps(); i++) {
            long start = System.nanoTime();
            net.fit(batch);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return Arrays.stream(ms).min().orElseThrow();
    }

    private static DataSet randomBatch(Config c, int length, Random random) {
        INDArray features = Nd4j.zeros(DataType.FLOAT, c.batch(), c.inputs(), length);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, c.batch(), c.inputs(), length);
        for (int b = 0; b < c.batch(); b++) {
            for (int t = 0; t < length; t++) {
                features.putScalar(new int[] {b, random.nextInt(c.inputs()), t}, 1f);
                labels.putScalar(new int[] {b, random.nextInt(c.inputs()), t}, 1f);
            }
        }
        return new DataSet(features, labels);
    }
}
