package com.seqplay.engine.bench;

import com.seqplay.engine.NetworkBuilder;
import com.seqplay.spec.CellType;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.SpecValidator;
import com.seqplay.spec.SpecJson;
import java.io.PrintStream;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training speed of a character language model per cell, in characters per second, on the
 * reference configuration (vocabulary 98, 2 x 256, sequence 100, batch 32, Adam, float32, full
 * BPTT) so that it can be set beside PyTorch on the same machine. Random one-hot data: speed does
 * not depend on what the characters are.
 */
public final class TrainingBenchmark {
    public record Config(int vocab, int layers, int hidden, int length, int batch, int warmup, int iterations) {}

    public record Result(CellType cell, double msPerIteration, double charsPerSecond) {}

    private TrainingBenchmark() {}

    public static Result measure(CellType cell, Config c) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        RunSpec spec = SpecValidator.complete(SpecJson.parse("""
                {"task":"textgen","cell":"%s","layers":%d,"hiddenSize":%d,"sequenceLength":%d,"batchSize":%d,
                 "clipping":{"mode":"none"},"learningRate":0.001}""".formatted(cell.id(), c.layers(), c.hidden(),
                c.length(), c.batch())));
        MultiLayerNetwork net = NetworkBuilder.sequenceClassifier(spec, c.vocab(), c.vocab());
        DataSet batch = randomBatch(c, new Random(1));
        for (int i = 0; i < c.warmup(); i++) {
            net.fit(batch);
        }
        long start = System.nanoTime();
        for (int i = 0; i < c.iterations(); i++) {
            net.fit(batch);
        }
        double ms = (System.nanoTime() - start) / 1e6 / c.iterations();
        return new Result(cell, ms, c.batch() * (double) c.length() / (ms / 1000));
    }

    public static void print(Iterable<Result> results, Config c, PrintStream out) {
        out.printf("Character LM: vocabulary %d, %d x %d, sequence %d, batch %d, Adam, float32, full BPTT, "
                + "%d timed iterations after %d warm-up%n", c.vocab(), c.layers(), c.hidden(), c.length(), c.batch(),
                c.iterations(), c.warmup());
        out.printf("OMP_NUM_THREADS=%s%n", System.getenv().getOrDefault("OMP_NUM_THREADS", "(unset)"));
        out.printf("%-5s %14s %12s%n", "cell", "ms/iteration", "chars/s");
        for (Result r : results) {
            out.printf("%-5s %14.1f %12.0f%n", r.cell().id(), r.msPerIteration(), r.charsPerSecond());
        }
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
