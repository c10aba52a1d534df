package com.seqplay.engine.bench;

import com.seqplay.dataset.SentencePair;
import com.seqplay.dataset.builtin.DatePairs;
import com.seqplay.engine.TaskEngines;
import com.seqplay.engine.TrainingClock;
import com.seqplay.engine.TrainingContext;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.translation.TranslationTask;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Seconds per epoch of the default translation model (dates, character tokens, LSTM 128 encoder and
 * decoder, one-head attention, Adam 0.005, batch 64) on a generated corpus of 10,000 pairs. It runs
 * the real trainer, so an epoch is what a user waits for: training on the training pairs, then the
 * validation loss and greedy decoding of the validation pairs (BLEU, exact match, samples). Epoch 1
 * is left out (the JIT compiles during it). The times come from the trainer's own events, taken as
 * they arrive: the last training step of an epoch splits it into training and evaluation.
 *
 * <p>{@code bench/translation.py} trains the same model in PyTorch on the same pairs and split, read
 * from the file {@link #writeCorpus} writes.
 */
public final class TranslationBenchmark {
    /** The pairs and seed of the measurement; the rest is the translation task's defaults. */
    public record Config(int pairs, int epochs, long seed) {
        public static Config reference() {
            return new Config(10_000, 3, 1);
        }
    }

    /** One epoch: wall and this thread's CPU seconds, in training and in evaluation. */
    public record Epoch(int epoch, double trainSeconds, double evalSeconds, double trainCpuSeconds,
            double evalCpuSeconds) {
        public double seconds() {
            return trainSeconds + evalSeconds;
        }

        /** The line the benchmark prints, the same format as {@code bench/translation.py}. */
        public String line(int threads) {
            return String.format(Locale.ROOT,
                    "task=translation threads=%d epoch=%d s_per_epoch=%.2f train_s=%.2f eval_s=%.2f cpu_s=%.2f",
                    threads, epoch, seconds(), trainSeconds, evalSeconds, trainCpuSeconds + evalCpuSeconds);
        }
    }

    private TranslationBenchmark() {}

    /** The run specification measured: the translation defaults on {@code builtin:dates}. */
    public static RunSpec spec(Config c) {
        return SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"translation","dataset":"builtin:dates","builtinSize":%d,"epochs":%d,"seed":%d}""".formatted(c.pairs(), c.epochs(), c.seed())));
    }

    /** Trains once and returns epochs 2.. (all epochs when there is only one). */
    public static List<Epoch> measure(Config c) throws Exception {
        RunSpec spec = spec(c);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<long[]> marks = new ArrayList<>(); // per epoch: {wall, cpu} at the last training step, then at val_loss
        long[] start = {System.nanoTime(), mx.getCurrentThreadCpuTime()};
        long[] lastStep = new long[2];
        Path runDir = Files.createTempDirectory("seqplay-bench-translation");
        try {
            TaskEngines.trainer(spec.task()).train(new TrainingContext(spec, runDir, event -> {
                long[] now = {System.nanoTime(), mx.getCurrentThreadCpuTime()};
                if (event instanceof TrainerEvent.Progress) {
                    lastStep[0] = now[0];
                    lastStep[1] = now[1];
                } else if (event instanceof TrainerEvent.Metric m && m.name().equals("val_loss")) {
                    marks.add(new long[] {lastStep[0], lastStep[1], now[0], now[1]});
                } else if (event instanceof TrainerEvent.Error e) {
                    throw new IllegalStateException("the translation run failed: " + e.message());
                }
            }, new TrainingClock(24 * 3600), List.of(), Optional.empty()));
        } finally {
            deleteTree(runDir);
        }
        List<Epoch> epochs = new ArrayList<>();
        long[] previous = start;
        for (int e = 0; e < marks.size(); e++) {
            long[] m = marks.get(e);
            epochs.add(new Epoch(e + 1, (m[0] - previous[0]) / 1e9, (m[2] - m[0]) / 1e9, (m[1] - previous[1]) / 1e9,
                    (m[3] - m[1]) / 1e9));
            previous = new long[] {m[2], m[3]};
        }
        return epochs.size() > 1 ? epochs.subList(1, epochs.size()) : epochs;
    }

    public static void describe(Config c, PrintStream out) {
        RunSpec spec = spec(c);
        out.printf("Translation: %s, %d pairs, %s tokens, %s %d, attention %s, batch %d, learning rate %s, "
                        + "clipping %s, %d epochs (the first left out)%n",
                spec.dataset(), c.pairs(), spec.translation().tokens().id(), spec.cell().id(), spec.hiddenSize(),
                spec.translation().attention(), spec.batchSize(), spec.learningRate(), spec.clippingMode(),
                c.epochs());
    }

    /**
     * Writes the pairs with their split, one line each: {@code train|validation|test <TAB> source
     * <TAB> target}, split as the translation trainer splits them (shuffled with the run's seed, 10%
     * validation, 10% test), so that another program can train on exactly the same pairs.
     */
    public static void writeCorpus(Config c, Path file) {
        List<SentencePair> pairs = new ArrayList<>(DatePairs.generate(c.pairs(), c.seed()));
        int heldOut = TranslationTask.heldOutPairs(pairs.size());
        Collections.shuffle(pairs, new Random(c.seed()));
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pairs.size(); i++) {
            String part = i < heldOut ? "validation" : i < 2 * heldOut ? "test" : "train";
            text.append(part).append('\t').append(pairs.get(i).source()).append('\t').append(pairs.get(i).target())
                    .append('\n');
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the corpus to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
