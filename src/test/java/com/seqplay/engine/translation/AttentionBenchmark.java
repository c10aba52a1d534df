package com.seqplay.engine.translation;

import com.seqplay.dataset.builtin.DatePairs;
import com.seqplay.engine.bench.TranslationBenchmark;
import com.seqplay.spec.RunSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Not a unit test: a timing main. DL4J's attention vertex against {@link ProjectedAttentionVertex} on
 * the translation benchmark's model and data (10,000 date pairs, LSTM 128, batch 64), in one JVM,
 * alternating epoch by epoch so that both see the same load. Both networks start from the same
 * parameters and train on the same batches. Per epoch it prints this thread's CPU seconds in
 * training and in evaluation (validation loss and greedy decoding, as the trainer does), and the
 * validation loss. Run with OMP_NUM_THREADS=1. Args: [rounds (default 3)].
 */
public final class AttentionBenchmark {

    private AttentionBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        RunSpec spec = TranslationBenchmark.spec(new TranslationBenchmark.Config(10_000, 1, 1));
        DataSplit split = DataSplit.of(DatePairs.generate(spec.translation().builtinSize(), spec.seed()), spec.seed());
        Tokenization tokens = Tokenization.fromId(spec.translation().tokens().id());
        Vocabulary source = Vocabulary.build(split.train().stream().map(p -> tokens.split(p.source())).toList(),
                spec.translation().maxVocabulary());
        Vocabulary target = Vocabulary.build(split.train().stream().map(p -> tokens.split(p.target())).toList(),
                spec.translation().maxVocabulary());
        List<EncodedPair> train = TranslationTrainer.encode(split.train(), tokens, source, target);
        List<EncodedPair> validation = TranslationTrainer.encode(split.validation(), tokens, source, target);
        int longest = train.stream().mapToInt(p -> p.target().length).max().orElse(0);

        List<EncodedPair> order = new ArrayList<>(train);
        Collections.shuffle(order, new Random(spec.seed()));
        List<MultiDataSet> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += spec.batchSize()) {
            batches.add(SequenceArrays.batch(order.subList(from, Math.min(order.size(), from + spec.batchSize())),
                    source.size(), target.size()));
        }

        Seq2SeqGraph.AttentionImpl[] impls = Seq2SeqGraph.AttentionImpl.values();
        TranslationModel[] models = new TranslationModel[impls.length];
        for (int i = 0; i < impls.length; i++) {
            ComputationGraph graph = Seq2SeqGraph.build(spec, source.size(), target.size(), impls[i]);
            if (i > 0) {
                Seq2SeqGraph.copyParameters(models[0].graph, graph);
            }
            models[i] = new TranslationModel(graph, source, target, tokens, spec.layers(), true, longest + 2);
        }
        List<int[]> sources = validation.stream().map(EncodedPair::source).toList();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int round = 1; round <= rounds; round++) {
            for (int k = 0; k < impls.length; k++) {
                int i = (round % 2 == 1) ? k : impls.length - 1 - k; // alternate which goes first
                TranslationModel model = models[i];
                long start = mx.getCurrentThreadCpuTime();
                for (MultiDataSet batch : batches) {
                    model.graph.fit(batch);
                }
                long trained = mx.getCurrentThreadCpuTime();
                double loss = model.meanLoss(validation, spec.batchSize());
                model.decode(sources, 1);
                long evaluated = mx.getCurrentThreadCpuTime();
                System.out.printf(Locale.ROOT, "attention=%s round=%d train_cpu_s=%.2f eval_cpu_s=%.2f val_loss=%.4f%n",
                        impls[i], round, (trained - start) / 1e9, (evaluated - trained) / 1e9, loss);
            }
        }
    }
}
