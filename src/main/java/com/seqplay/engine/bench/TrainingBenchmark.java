package com.seqplay.engine.bench;

import com.seqplay.engine.NetworkBuilder;
import com.seqplay.spec.CellType;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.SpecValidator;
import com.seqplay.spec.SpecJson;
import java.io.PrintStream;
import java.util.Locale;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training speed of a character language model per cell, in characters per second, on the
 * reference configuration (vocabulary 98, 2 x 256, sequence 100, batch 32, Adam, float32, full
 * BPTT) so that it can be set beside PyTorch on the same machine ({@code bench/char_lm.py} is the
 * same model). Random one-hot data: speed does not depend on what the characters are. The network
 * is the one a run of that cell gets ({@link NetworkBuilder}), so this measures what users get.
 */
public final class TrainingBenchmark {
    public record Config(int vocab, int layers, int hidden, int length, int batch, int warmup, int iterations) {
        public static Config reference() {
            return new Config(98, 2, 256, 100, 32, 3, 10);
        }
    }

    public record Result(CellType cell, int threads, double msPerIteration, double charsPerSecond) {
        /** The line the benchmark prints, the same format as {@code bench/char_lm.py}. */
        public String line() {
            return String.format(Locale.ROOT, "cell=%s threads=%d chars_per_s=%.0f", cell.id(), threads, charsPerSecond);
        }
    }

    private TrainingBenchmark() {}

    /** Measures one cell in this process; {@code threads} is the OMP thread count it runs with (for the record). */
    public static Result measure(CellType cell, Config c, int threads) {
        return measure(cell, c, threads, List.of());
    }

    /** The same with listeners attached to the network (to measure what a listener costs). */
    public static Result measure(CellType cell, Config c, int threads, List<TrainingListener> listeners) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        RunSpec spec = SpecValidator.complete(SpecJson.parse("""
                {"task":"textgen","cell":"%s","layers":%d,"hiddenSize":%d,"sequenceLength":%d,"batchSize":%d,
                 "clipping":{"mode":"none"},"learningRate":0.001}""".formatted(cell.id(), c.layers(), c.hidden(),
                c.length(), c.batch())));
        MultiLayerNetwork net = NetworkBuilder.sequenceClassifier(spec, c.vocab(), c.vocab());
        net.setListeners(listeners);
        DataSet batch = randomBatch(c, new Random(1));
        for (int i = 0; i < c.warmup(); i++) {
            net.fit(batch);
        }
        long start = System.nanoTime();
        for (int i = 0; i < c.iterations(); i++) {
            net.fit(batch);
        }
        double ms = (System.nanoTime() - start) / 1e6 / c.iterations();
        return new Result(cell, threads, ms, c.batch() * (double) c.length() / (ms / 1000));
    }

    /** A human-readable description of the configuration (printed apart from the result lines). */
    public static void describe(Config c, PrintStream out) {
        out.printf("Character LM: vocabulary %d, %d x %d, sequence %d, batch %d, Adam, float32, full BPTT, "
                + "%d timed iterations after %d warm-up%n", c.vocab(), c.layers(), c.hidden(), c.length(), c.batch(),
                c.iterations(), c.warmup());
    }

    private static DataSet randomBatch(Config c, Random random) {
        INDArray features = Nd4j.zeros(DataType.FLOAT, c.batch(), c.vocab(), c.length());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, c.batch(), c.vocab(), c.length());
        for (int b = 0; b < c.batch(); b++) {
            for (int t = 0; t < c.length(); t++) {
                features.putScalar(new int[] {b, random.nextInt(c.vocab()), t}, 1f);
                labels.putScalar(new int[] {b, random.nextInt(c.vocab()), t}, 1f);
            }
        }
        return new DataSet(features, labels);
    }
}
