package com.seqplay.engine.textgen;

import com.seqplay.dataset.builtin.BuiltinTexts;
import com.seqplay.dataset.CharVocabulary;
import com.seqplay.dataset.TextFileParser;
import java.nio.file.Files;
import com.seqplay.engine.BestEpoch;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.NetworkBuilder;
import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.metrics.LanguageModelMetrics;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.textgen.TextgenTask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.DataSet;

/**
 * A character-level language model: predicts the next character at every step. The last tenth of
 * the text is held out; bits per character on it are compared with the uniform and unigram
 * baselines, and a sample is generated after every epoch.
 */
public final class TextGenerationTrainer implements TaskTrainer {
    @Override
    public void train(TrainingContext ctx) throws Exception {
        RunSpec spec = ctx.spec();
        EventSink sink = ctx.sink();
        String text = ctx.datasetFile().isPresent()
                ? new TextFileParser().parse(spec.dataset(), Files.readAllBytes(ctx.datasetFile().get())).text()
                : BuiltinTexts.load(spec.dataset(), spec.textgen().builtinSize(), spec.seed(), spec.textgen().reach());
        CharVocabulary vocab = CharVocabulary.of(text);
        int split = TextgenTask.trainEnd(text.length());
        int[] train = vocab.encode(text.substring(0, split));
        int[] heldOut = vocab.encode(text.substring(split));
        var trainBatches = new CharBatches(train, vocab.size(), spec.textgen().sequenceLength(), spec.batchSize());
        var heldOutBatches = new CharBatches(heldOut, vocab.size(), spec.textgen().sequenceLength(), spec.batchSize());
        if (trainBatches.examples() == 0 || heldOutBatches.examples() == 0) {
            throw new IllegalArgumentException("the text has " + text.length() + " characters, too few for sequences of "
                    + spec.textgen().sequenceLength() + " in both the training part (90%) and the held-out part (10%)");
        }
        VocabularyFile.save(vocab, ctx.runDir());

        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put("uniform_bpc", LanguageModelMetrics.uniformBpc(vocab.size()));
        baselines.put("unigram_bpc", LanguageModelMetrics.unigramBpc(train, heldOut, vocab.size()));
        sink.emit(TrainerEvent.log("Vocabulary " + vocab.size() + " characters, " + trainBatches.examples()
                + " training sequences, baselines " + baselines));

        MultiLayerNetwork net = NetworkBuilder.sequenceClassifier(spec, vocab.size(), vocab.size());
        var monitor = new TrainingMonitor(sink, spec, (long) spec.epochs() * trainBatches.batchesPerEpoch(),
                spec.textgen().bpttLength());
        List<TrainingListener> listeners = new ArrayList<>(ctx.extraListeners());
        listeners.add(0, monitor);
        net.setListeners(listeners);

        Random random = new Random(spec.seed());
        var sampler = new TextSampler(net, vocab);
        String prompt = text.substring(split, Math.min(text.length(), split + 20));
        List<DataSet> heldOutData = heldOutBatches.inOrder();
        DataSet reachBatch = heldOutData.get(0);
        // Before any training: how far an untrained cell lets the gradient reach.
        sink.emit(TrainerEvent.sample("gradient_reach", 0, reachJson(GradientReach.measure(net, reachBatch))));
        var best = new BestEpoch(spec.patience());
        // The first epoch always ends with an evaluation, even past the time limit: a result needs one.
        for (int epoch = 1; epoch <= spec.epochs() && (epoch == 1 || !ctx.clock().expired()); epoch++) {
            monitor.startEpoch(epoch);
            for (DataSet batch : trainBatches.epoch(random)) {
                net.fit(batch);
                if (ctx.clock().expired()) {
                    sink.emit(TrainerEvent.log("Wall-time limit of " + spec.maxWallSeconds() + " s reached"));
                    break;
                }
            }
            double lastNats = HeldOutLoss.natsPerChar(net, heldOutData);
            long step = monitor.step();
            sink.emit(TrainerEvent.metric("val_loss", step, epoch, lastNats));
            sink.emit(TrainerEvent.metric("bpc", step, epoch, LanguageModelMetrics.bitsPerCharacter(lastNats)));
            sink.emit(TrainerEvent.metric("perplexity", step, epoch, LanguageModelMetrics.perplexity(lastNats)));
            sink.emit(TrainerEvent.sample("gradient_reach", epoch, reachJson(GradientReach.measure(net, reachBatch))));
            String sample = sampler.sample(prompt, spec.textgen().sampleLength(), spec.textgen().temperature(), spec.textgen().topK(), random);
            sink.emit(TrainerEvent.sample("text", epoch, prompt + "|" + sample));
            if (best.offer(epoch, lastNats)) {
                Checkpoints.save(net, ctx.runDir(), epoch, sink);
            }
            if (best.shouldStop(epoch)) {
                sink.emit(TrainerEvent.log("Early stopping: no better held-out loss for " + spec.patience()
                        + " epochs; keeping epoch " + best.epoch()));
                break;
            }
        }
        double bestNats = best.loss();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", bestNats);
        metrics.put("bpc", LanguageModelMetrics.bitsPerCharacter(bestNats));
        metrics.put("perplexity", LanguageModelMetrics.perplexity(bestNats));
        sink.emit(TrainerEvent.result("SUCCEEDED", metrics, baselines,
                String.format("Held-out %.3f bits per character (unigram baseline %.3f)",
                        LanguageModelMetrics.bitsPerCharacter(bestNats), baselines.get("unigram_bpc"))));
    }

    /** The gradient reach curve as JSON: {"relativeNorm":[1.0, ...]}, index = distance in steps. */
    private static String reachJson(double[] byDistance) {
        var sb = new StringBuilder("{\"relativeNorm\":[");
        for (int d = 0; d < byDistance.length; d++) {
            sb.append(d == 0 ? "" : ",").append(Double.isFinite(byDistance[d]) ? String.format(java.util.Locale.ROOT,
                    "%.6g", byDistance[d]) : "0");
        }
        return sb.append("]}").toString();
    }
}
