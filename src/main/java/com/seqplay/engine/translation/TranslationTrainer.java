package com.seqplay.engine.translation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.dataset.SentencePair;
import com.seqplay.engine.BestEpoch;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.metrics.Baselines;
import com.seqplay.metrics.Bleu;
import com.seqplay.metrics.ExactMatch;
import com.seqplay.spec.RunSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Translation with an encoder-decoder ({@link Seq2SeqGraph}). The pairs are split 80/10/10
 * ({@link DataSplit}); the vocabularies come from the training pairs only. After every epoch the
 * validation pairs give {@code val_loss} (nats per target token), {@code bleu} and {@code exact_match},
 * a few sample translations and, with attention, the attention matrix of the first one. The epoch
 * with the lowest validation loss is checkpointed, ends the run early after {@code patience} epochs
 * without improvement (when patience is above 0), and is the one scored on the test pairs at the end,
 * beside the baseline that copies the source.
 *
 * <p>BLEU (corpus BLEU, in [0, 1] like exact match) is computed over the model's tokens: with
 * {@code char} tokens it is BLEU over characters (spaces included), which suits short outputs such as
 * dates where a word-level BLEU would see one or two "words".
 */
public final class TranslationTrainer implements TaskTrainer {
    static final int SAMPLES_PER_EPOCH = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void train(TrainingContext ctx) throws Exception {
        RunSpec spec = ctx.spec();
        EventSink sink = ctx.sink();
        Tokenization tokenization = Tokenization.fromId(spec.translation().tokens().id());
        DataSplit split = DataSplit.of(TranslationData.load(ctx), spec.seed());

        Vocabulary sourceVocabulary = Vocabulary.build(
                split.train().stream().map(p -> tokenization.split(p.source())).toList(), spec.translation().maxVocabulary());
        Vocabulary targetVocabulary = Vocabulary.build(
                split.train().stream().map(p -> tokenization.split(p.target())).toList(), spec.translation().maxVocabulary());
        List<EncodedPair> train = encode(split.train(), tokenization, sourceVocabulary, targetVocabulary);
        List<EncodedPair> validation = encode(split.validation(), tokenization, sourceVocabulary, targetVocabulary);
        List<EncodedPair> test = encode(split.test(), tokenization, sourceVocabulary, targetVocabulary);
        int longestTarget = train.stream().mapToInt(p -> p.target().length).max().orElse(0);

        ComputationGraph graph = Seq2SeqGraph.build(spec, sourceVocabulary.size(), targetVocabulary.size());
        var model = new TranslationModel(graph, sourceVocabulary, targetVocabulary, tokenization, spec.layers(),
                Boolean.TRUE.equals(spec.translation().attention()), longestTarget + 2);
        ModelFiles.save(model, ctx.runDir());

        Map<String, Double> baselines = copyBaselines(split.test(), tokenization);
        sink.emit(TrainerEvent.log(String.format(
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
        graph.setListeners(listeners);

        Random random = new Random(spec.seed());
        List<EncodedPair> order = new ArrayList<>(train);
        var best = new BestEpoch(spec.patience());
        INDArray bestParams = null;
        for (int epoch = 1; epoch <= spec.epochs() && !ctx.clock().expired(); epoch++) {
            monitor.startEpoch(epoch);
            Collections.shuffle(order, random);
            for (int from = 0; from < order.size(); from += spec.batchSize()) {
                graph.fit(SequenceArrays.batch(order.subList(from, Math.min(order.size(), from + spec.batchSize())),
                        sourceVocabulary.size(), targetVocabulary.size()));
                if (ctx.clock().expired()) {
                    sink.emit(TrainerEvent.log("Wall-time limit of " + spec.maxWallSeconds() + " s reached"));
                    break;
                }
            }
            double loss = model.meanLoss(validation, spec.batchSize());
            Evaluation eval = evaluate(model, validation, spec.translation().beamWidth());
            long step = monitor.step();
            sink.emit(TrainerEvent.metric("val_loss", step, epoch, loss));
            sink.emit(TrainerEvent.metric("bleu", step, epoch, eval.bleu()));
            sink.emit(TrainerEvent.metric("exact_match", step, epoch, eval.exactMatch()));
            sink.emit(TrainerEvent.sample("translation", epoch, samples(validation, eval)));
            if (model.attention) {
                sink.emit(TrainerEvent.sample("attention", epoch, attentionSample(model, validation.get(0), eval)));
            }
            if (best.offer(epoch, loss)) {
                bestParams = graph.params().dup();
                Checkpoints.save(graph, ctx.runDir(), epoch, sink);
            }
            if (best.shouldStop(epoch)) {
                sink.emit(TrainerEvent.log("Early stop after epoch " + epoch + ": no better validation loss for "
                        + spec.patience() + " epochs; keeping epoch " + best.epoch()));
                break;
            }
        }
        double bestLoss = best.loss();
        if (bestParams != null) {
            graph.setParams(bestParams);
        } else { // the time ran out before the first evaluation, or the validation loss was never finite
            bestLoss = model.meanLoss(validation, spec.batchSize());
            Checkpoints.save(graph, ctx.runDir(), 0, sink);
        }
        Evaluation onTest = evaluate(model, test, spec.translation().beamWidth());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", bestLoss);
        metrics.put("bleu", onTest.bleu());
        metrics.put("exact_match", onTest.exactMatch());
        sink.emit(TrainerEvent.result("SUCCEEDED", metrics, baselines, String.format(
                "Test pairs: exact match %.1f%%, BLEU %.1f (copying the source: %.1f%%, BLEU %.1f)",
                100 * onTest.exactMatch(), 100 * onTest.bleu(), 100 * baselines.get("copy_exact_match"),
                100 * baselines.get("copy_bleu"))));
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
    record Evaluation(double bleu, double exactMatch, List<String> predictions, List<Hypothesis> hypotheses) {}

    static Evaluation evaluate(TranslationModel model, List<EncodedPair> pairs, int beamWidth) {
        List<Hypothesis> hypotheses = model.decode(pairs.stream().map(EncodedPair::source).toList(), beamWidth);
        List<List<String>> candidateTokens = hypotheses.stream().map(h -> model.target.decode(h.tokens())).toList();
        List<List<String>> referenceTokens = pairs.stream()
                .map(p -> model.tokenization.split(p.text().target())).toList();
        List<String> predictions = candidateTokens.stream().map(model.tokenization::join).toList();
        List<String> references = referenceTokens.stream().map(model.tokenization::join).toList();
        return new Evaluation(Bleu.corpus(candidateTokens, referenceTokens), ExactMatch.score(predictions, references),
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

    /** Lines "source -> prediction (reference)" for the first held-out pairs. */
    static String samples(List<EncodedPair> pairs, Evaluation eval) {
        var text = new StringBuilder();
        for (int i = 0; i < Math.min(SAMPLES_PER_EPOCH, pairs.size()); i++) {
            SentencePair p = pairs.get(i).text();
            text.append(p.source()).append(" -> ").append(eval.predictions().get(i))
                    .append(" (").append(p.target()).append(")\n");
        }
        return text.toString().stripTrailing();
    }

    /** JSON: source tokens, output tokens, reference and the weights, one row per output token. */
    static String attentionSample(TranslationModel model, EncodedPair pair, Evaluation eval)
            throws JsonProcessingException {
        int[] output = eval.hypotheses().get(0).tokens();
        double[][] weights = model.attentionWeights(pair.source(), output);
        double[][] rounded = new double[weights.length][];
        for (int t = 0; t < weights.length; t++) {
            rounded[t] = new double[weights[t].length];
            for (int s = 0; s < weights[t].length; s++) {
                rounded[t][s] = Math.round(weights[t][s] * 10_000) / 10_000.0;
            }
        }
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("source", model.tokenization.split(pair.text().source()));
        sample.put("output", model.target.decode(output));
        sample.put("reference", pair.text().target());
        sample.put("weights", rounded);
        return JSON.writeValueAsString(sample);
    }
}
