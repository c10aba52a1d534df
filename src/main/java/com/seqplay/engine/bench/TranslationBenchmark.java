package com.seqplay.engine.bench;

import com.seqplay.dataset.SentencePair;
import com.seqplay.dataset.builtin.DatePairs;
import com.seqplay.engine.TaskEngines;
import com.seqplay.engine.TrainingClock;
import com.seqplay.engine.TrainingContext;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.translation.TranslationTask;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
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

    private TranslationBenchmark() {}

    /** The run specification measured: the translation defaults on {@code builtin:dates}. */
    public static RunSpec spec(Config c) {
        return SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"translation","dataset":"builtin:dates","builtinSize":%d,"epochs":%d,"seed":%d}""".formatted(c.pairs(), c.epochs(), c.seed())));
    }

    /** Trains once and returns epochs 2.. (all epochs when there is only one); CPU: the training thread's. */
    public static List<EpochTimer.Epoch> measure(Config c) throws Exception {
        RunSpec spec = spec(c);
        EpochTimer timer = new EpochTimer("translation", EpochTimer.CpuClock.TRAINING_THREAD);
        Path runDir = Files.createTempDirectory("seqplay-bench-translation");
        try {
            TaskEngines.trainer(spec.task()).train(new TrainingContext(spec, runDir, timer,
                    new TrainingClock(24 * 3600), List.of(), Optional.empty()));
        } finally {
            deleteTree(runDir);
        }
        return timer.epochsAfterTheFirst();
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
