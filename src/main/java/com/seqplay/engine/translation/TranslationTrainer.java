package com.seqplay.engine.translation;

import com.seqplay.dataset.SentencePair;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.EpochLoop;
import com.seqplay.engine.EpochTask;
import com.seqplay.engine.ResumableRandom;
import com.seqplay.engine.TaskState;
import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.engine.health.TrainingHealthWatch;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.AttentionSample;
import com.seqplay.events.sample.LengthAccuracySample;
import com.seqplay.events.sample.SamplePayload;
import com.seqplay.events.sample.TranslationSample;
import com.seqplay.metrics.Baselines;
import com.seqplay.metrics.Bleu;
import com.seqplay.metrics.ExactMatch;
import com.seqplay.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Translation with an encoder-decoder ({@link Seq2SeqGraph}). The pairs are split 80/10/10
 * ({@link DataSplit}); the vocabularies come from the training pairs only. After every epoch the
 * validation pairs give {@code val_loss} (nats per target token), {@code bleu} and {@code exact_match},
 * a few sample translations and, with attention, the attention matrix of the first one. The epoch
 * with the lowest validation loss ({@link EpochLoop}: checkpoint, early stopping, time limit) is the
 * one scored on the test pairs at the end, beside the baseline that copies the source.
 *
 * <p>BLEU (corpus BLEU, in [0, 1] like exact match) is computed over the model's tokens: with
 * {@code char} tokens it is BLEU over characters (spaces included), which suits short outputs such as
 * dates where a word-level BLEU would see one or two "words".
 */
public final class TranslationTrainer implements TaskTrainer {
    static final int SAMPLES_PER_EPOCH = 5;

    @Override
    public void train(TrainingContext ctx) throws Exception {
        RunSpec spec = ctx.spec();
        EventSink sink = ctx.sink();
        Tokenization tokenization = Tokenization.fromId(spec.translation().tokens().id());
        DataSplit split = DataSplit.of(TranslationData.load(ctx), spec.seed());

        // a resumed run keeps the vocabularies its network was built for
        ModelFiles.Setup saved = ctx.resume() ? ModelFiles.readSetup(ctx.runDir()) : null;
        Vocabulary sourceVocabulary = saved != null ? Vocabulary.of(saved.sourceVocabulary()) : Vocabulary.build(
                split.train().stream().map(p -> tokenization.split(p.source())).toList(), spec.translation().maxVocabulary());
        Vocabulary targetVocabulary = saved != null ? Vocabulary.of(saved.targetVocabulary()) : Vocabulary.build(
                split.train().stream().map(p -> tokenization.split(p.target())).toList(), spec.translation().maxVocabulary());
        List<EncodedPair> train = encode(split.train(), tokenization, sourceVocabulary, targetVocabulary);
        List<EncodedPair> validation = encode(split.validation(), tokenization, sourceVocabulary, targetVocabulary);
        List<EncodedPair> test = encode(split.test(), tokenization, sourceVocabulary, targetVocabulary);
        int longestTarget = train.stream().mapToInt(p -> p.target().length).max().orElse(0);

        ComputationGraph graph = Seq2SeqGraph.build(spec, sourceVocabulary.size(), targetVocabulary.size());
        var model = new TranslationModel(graph, sourceVocabulary, targetVocabulary, tokenization, spec.layers(),
                Boolean.TRUE.equals(spec.translation().attention()), longestTarget + 2);
        if (saved == null) {
            ModelFiles.save(model, ctx.runDir());
        }

        Map<String, Double> baselines = copyBaselines(split.test(), tokenization);
        sink.emit(new TrainerEvent.Log(String.format(
                "%d training, %d validation, %d test pairs; %s tokens, vocabularies %d (source) and %d (target) "
                        + "with 4 special tokens; %.1f%% of validation source tokens unknown; %d parameters; "
                        + "copy baselines %s",
                train.size(), validation.size(), test.size(), tokenization.id(), sourceVocabulary.size(),
                targetVocabulary.size(), 100 * unknownShare(validation), graph.numParams(), baselines)));

        int batchesPerEpoch = (train.size() + spec.batchSize() - 1) / spec.batchSize();
        // DL4J's score sums the loss over the decoder steps of a sequence; divide by the mean target length
        int meanSteps = (int) Math.max(1, Math.round(train.stream().mapToInt(p -> p.target().length + 1).average()
                .orElse(1)));
        var monitor = new TrainingMonitor(sink, spec, (long) spec.epochs() * batchesPerEpoch, meanSteps);
        List<TrainingListener> listeners = new ArrayList<>(ctx.extraListeners());
        listeners.add(0, monitor);
        listeners.add(0, TrainingHealthWatch.of(ctx, monitor)); // first: sees the gradient before clipping
        graph.setListeners(listeners);

        var random = new ResumableRandom(spec.seed());
        List<EncodedPair> order = new ArrayList<>(train);
        EpochLoop.of(ctx, monitor).run(new EpochTask<List<EncodedPair>>() {
            private INDArray bestParams;

            @Override
            public Iterable<List<EncodedPair>> batches(int epoch) {
                Collections.shuffle(order, random);
                List<List<EncodedPair>> batches = new ArrayList<>();
                for (int from = 0; from < order.size(); from += spec.batchSize()) {
                    batches.add(order.subList(from, Math.min(order.size(), from + spec.batchSize())));
                }
                return batches;
            }

            @Override
            public void fit(List<EncodedPair> batch) {
                graph.fit(SequenceArrays.batch(batch, sourceVocabulary.size(), targetVocabulary.size()));
            }

            @Override
            public Evaluation evaluate(int epoch) throws Exception {
                double loss = model.meanLoss(validation, spec.batchSize());
                Decoded eval = decode(model, validation,
                        spec.translation().beamWidth());
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("bleu", eval.bleu());
                metrics.put("exact_match", eval.exactMatch());
                List<SamplePayload> samples = new ArrayList<>();
                samples.add(samples(validation, eval));
                samples.add(lengthAccuracy(model, validation, eval, LengthAccuracySample.HeldOut.VALIDATION));
                if (model.attention) {
                    samples.add(attentionSample(model, validation.get(0), eval));
                }
                return new Evaluation(loss, metrics, samples);
            }

            /** Also keeps the best parameters, which the final scoring on the test pairs uses. */
            @Override
            public void saveModel(Path file) throws IOException {
                bestParams = graph.params().dup();
                Checkpoints.write(graph, file);
            }

            @Override
            public Model network() {
                return graph;
            }

            /** The shuffled order carries over from epoch to epoch, so it is kept with the generator's position. */
            @Override
            public void saveState(TaskState state) throws IOException {
                state.putLong("random", random.position());
                Map<EncodedPair, Integer> index = new java.util.IdentityHashMap<>();
                for (int i = 0; i < train.size(); i++) {
                    index.put(train.get(i), i);
                }
                state.putInts("order", order.stream().mapToInt(index::get).toArray());
                if (bestParams != null) {
                    state.putArray("best_params", bestParams);
                }
            }

            @Override
            public void restoreState(TaskState state) throws IOException {
                random.moveTo(state.getLong("random"));
                int[] indices = state.getInts("order");
                order.clear();
                for (int i : indices) {
                    order.add(train.get(i));
                }
                if (state.has("best_params")) {
                    bestParams = state.getArray("best_params");
                }
            }

            @Override
            public FinalScores finish(BestEvaluation best) {
                graph.setParams(bestParams);
                Decoded onTest = decode(model, test,
                        spec.translation().beamWidth());
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("bleu", onTest.bleu());
                metrics.put("exact_match", onTest.exactMatch());
                sink.emit(new TrainerEvent.Sample(best.epoch(),
                        lengthAccuracy(model, test, onTest, LengthAccuracySample.HeldOut.TEST)));
                return new FinalScores(metrics, baselines, String.format(
                        "Test pairs: exact match %.1f%%, BLEU %.1f (copying the source: %.1f%%, BLEU %.1f)",
                        100 * onTest.exactMatch(), 100 * onTest.bleu(), 100 * baselines.get("copy_exact_match"),
                        100 * baselines.get("copy_bleu")));
            }
        });
    }

    static List<EncodedPair> encode(List<SentencePair> pairs, Tokenization tokenization, Vocabulary source,
            Vocabulary target) {
        return pairs.stream().map(p -> new EncodedPair(p, source.encode(tokenization.split(p.source())),
                target.encode(tokenization.split(p.target())))).toList();
    }

    /**
     * Model outputs for held-out pairs with their scores.
     *
     * @param predictions each output as text
     */
    record Decoded(double bleu, double exactMatch, List<String> predictions, List<Hypothesis> hypotheses) {}

    static Decoded decode(TranslationModel model, List<EncodedPair> pairs, int beamWidth) {
        List<Hypothesis> hypotheses = model.decode(pairs.stream().map(EncodedPair::source).toList(), beamWidth);
        List<List<String>> candidateTokens = hypotheses.stream().map(h -> model.target.decode(h.tokens())).toList();
        List<List<String>> referenceTokens = pairs.stream()
                .map(p -> model.tokenization.split(p.text().target())).toList();
        List<String> predictions = candidateTokens.stream().map(model.tokenization::join).toList();
        List<String> references = referenceTokens.stream().map(model.tokenization::join).toList();
        return new Decoded(Bleu.corpus(candidateTokens, referenceTokens), ExactMatch.score(predictions, references),
                predictions, hypotheses);
    }

    /** BLEU and exact match of the output that copies the source, on the same tokens as the model's. */
    static Map<String, Double> copyBaselines(List<SentencePair> pairs, Tokenization tokenization) {
        List<String> copies = Baselines.copySource(pairs.stream().map(SentencePair::source).toList());
        List<List<String>> copyTokens = copies.stream().map(tokenization::split).toList();
        List<List<String>> referenceTokens = pairs.stream().map(p -> tokenization.split(p.target())).toList();
        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put("copy_bleu", Bleu.corpus(copyTokens, referenceTokens));
        baselines.put("copy_exact_match", ExactMatch.score(copyTokens.stream().map(tokenization::join).toList(),
                referenceTokens.stream().map(tokenization::join).toList()));
        return baselines;
    }

    private static double unknownShare(List<EncodedPair> pairs) {
        long unknown = 0;
        long all = 0;
        for (EncodedPair p : pairs) {
            for (int id : p.source()) {
                unknown += id == Vocabulary.UNK_ID ? 1 : 0;
                all++;
            }
        }
        return all == 0 ? 0 : (double) unknown / all;
    }

    /**
     * Exact match and BLEU of held-out pairs grouped by source length ({@link LengthBuckets}). Kept
     * out of the run's metrics: one name per bucket would change with the data and crowd every list.
     */
    static LengthAccuracySample lengthAccuracy(TranslationModel model, List<EncodedPair> pairs, Decoded decoded,
            LengthAccuracySample.HeldOut heldOut) {
        int[] lengths = pairs.stream().mapToInt(p -> p.source().length).toArray();
        List<LengthAccuracySample.Bucket> buckets = new ArrayList<>();
        for (LengthBuckets.Bucket b : LengthBuckets.of(lengths, LengthBuckets.DEFAULT_COUNT)) {
            List<List<String>> candidates = b.indices().stream()
                    .map(i -> model.target.decode(decoded.hypotheses().get(i).tokens())).toList();
            List<List<String>> references = b.indices().stream()
                    .map(i -> model.tokenization.split(pairs.get(i).text().target())).toList();
            double exactMatch = ExactMatch.score(b.indices().stream().map(decoded.predictions()::get).toList(),
                    references.stream().map(model.tokenization::join).toList());
            buckets.add(new LengthAccuracySample.Bucket(b.minLength(), b.maxLength(), b.indices().size(), exactMatch,
                    Bleu.corpus(candidates, references)));
        }
        return new LengthAccuracySample(heldOut, buckets);
    }

    /** The first held-out pairs: source, the model's output and the reference. */
    static TranslationSample samples(List<EncodedPair> pairs, Decoded eval) {
        List<TranslationSample.Pair> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(SAMPLES_PER_EPOCH, pairs.size()); i++) {
            SentencePair p = pairs.get(i).text();
            shown.add(new TranslationSample.Pair(p.source(), eval.predictions().get(i), p.target()));
        }
        return new TranslationSample(shown);
    }

    /** Source tokens, output tokens, reference and the weights (4 decimals), one row per output token. */
    static AttentionSample attentionSample(TranslationModel model, EncodedPair pair, Decoded eval) {
        int[] output = eval.hypotheses().get(0).tokens();
        double[][] weights = model.attentionWeights(pair.source(), output);
        double[][] rounded = new double[weights.length][];
        for (int t = 0; t < weights.length; t++) {
            rounded[t] = new double[weights[t].length];
            for (int s = 0; s < weights[t].length; s++) {
                rounded[t][s] = Math.round(weights[t][s] * 10_000) / 10_000.0;
            }
        }
        return new AttentionSample(model.tokenization.split(pair.text().source()), model.target.decode(output),
                pair.text().target(), rounded);
    }
}
