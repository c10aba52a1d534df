package com.seqplay.engine.textgen;

import com.seqplay.dataset.builtin.BuiltinTexts;
import com.seqplay.dataset.CharVocabulary;
import com.seqplay.dataset.TextFileParser;
import java.nio.file.Files;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.EpochLoop;
import com.seqplay.engine.EpochTask;
import com.seqplay.engine.NetworkBuilder;
import com.seqplay.engine.ResumableRandom;
import com.seqplay.engine.TaskState;
import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.engine.health.TrainingHealthWatch;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.GradientReachSample;
import com.seqplay.events.sample.TextSample;
import com.seqplay.metrics.LanguageModelMetrics;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.textgen.TextgenTask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
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
        // a resumed run keeps the vocabulary its network was built for
        CharVocabulary vocab = ctx.resume() ? VocabularyFile.load(ctx.runDir()) : CharVocabulary.of(text);
        int split = TextgenTask.trainEnd(text.length());
        int[] train = vocab.encode(text.substring(0, split));
        int[] heldOut = vocab.encode(text.substring(split));
        var trainBatches = new CharBatches(train, vocab.size(), spec.textgen().sequenceLength(), spec.batchSize());
        var heldOutBatches = new CharBatches(heldOut, vocab.size(), spec.textgen().sequenceLength(), spec.batchSize());
        if (trainBatches.examples() == 0 || heldOutBatches.examples() == 0) {
            throw new IllegalArgumentException("the text has " + text.length() + " characters, too few for sequences of "
                    + spec.textgen().sequenceLength() + " in both the training part (90%) and the held-out part (10%)");
        }
        if (!ctx.resume()) {
            VocabularyFile.save(vocab, ctx.runDir());
        }

        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put("uniform_bpc", LanguageModelMetrics.uniformBpc(vocab.size()));
        baselines.put("unigram_bpc", LanguageModelMetrics.unigramBpc(train, heldOut, vocab.size()));
        sink.emit(new TrainerEvent.Log("Vocabulary " + vocab.size() + " characters, " + trainBatches.examples()
                + " training sequences, baselines " + baselines));

        MultiLayerNetwork net = NetworkBuilder.sequenceClassifier(spec, vocab.size(), vocab.size());
        var monitor = new TrainingMonitor(sink, spec, (long) spec.epochs() * trainBatches.batchesPerEpoch(),
                spec.textgen().bpttLength());
        List<TrainingListener> listeners = new ArrayList<>(ctx.extraListeners());
        listeners.add(0, monitor);
        listeners.add(0, TrainingHealthWatch.of(ctx, monitor)); // first: sees the gradient before clipping
        net.setListeners(listeners);

        var random = new ResumableRandom(spec.seed());
        var sampler = new TextSampler(net, vocab);
        String prompt = text.substring(split, Math.min(text.length(), split + 20));
        List<DataSet> heldOutData = heldOutBatches.inOrder();
        DataSet reachBatch = heldOutData.get(0);
        if (!ctx.resume()) {
            // Before any training: how far an untrained cell lets the gradient reach.
            sink.emit(new TrainerEvent.Sample(0, reach(net, reachBatch)));
        }
        EpochLoop.of(ctx, monitor).run(new EpochTask<DataSet>() {
            @Override
            public Iterable<DataSet> batches(int epoch) {
                return trainBatches.epoch(random);
            }

            @Override
            public void fit(DataSet batch) {
                net.fit(batch);
            }

            @Override
            public Evaluation evaluate(int epoch) {
                double nats = HeldOutLoss.natsPerChar(net, heldOutData);
                String continuation = sampler.sample(prompt, spec.textgen().sampleLength(), spec.textgen().temperature(),
                        spec.textgen().topK(), random);
                return new Evaluation(nats, perCharacter(nats),
                        List.of(reach(net, reachBatch), new TextSample(prompt, continuation)));
            }

            @Override
            public void saveModel(Path file) throws IOException {
                Checkpoints.write(net, file);
            }

            @Override
            public Model network() {
                return net;
            }

            /** Shuffling and sampling share one generator: its position is all the state there is. */
            @Override
            public void saveState(TaskState state) {
                state.putLong("random", random.position());
            }

            @Override
            public void restoreState(TaskState state) {
                random.moveTo(state.getLong("random"));
            }

            @Override
            public FinalScores finish(BestEvaluation best) {
                return new FinalScores(best.evaluation().metrics(), baselines, String.format(
                        "Held-out %.3f bits per character (unigram baseline %.3f)",
                        best.evaluation().metrics().get("bpc"), baselines.get("unigram_bpc")));
            }
        });
    }

    /** Bits per character and perplexity of a held-out loss in nats per character. */
    private static Map<String, Double> perCharacter(double nats) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("bpc", LanguageModelMetrics.bitsPerCharacter(nats));
        metrics.put("perplexity", LanguageModelMetrics.perplexity(nats));
        return metrics;
    }

    /** The gradient reach curve to 6 significant digits; a distance whose norm is not a finite number reads 0. */
    private static GradientReachSample reach(MultiLayerNetwork net, DataSet batch) {
        double[] byDistance = GradientReach.measure(net, batch);
        double[] norms = new double[byDistance.length];
        for (int d = 0; d < byDistance.length; d++) {
            norms[d] = Double.isFinite(byDistance[d])
                    ? Double.parseDouble(String.format(Locale.ROOT, "%.6g", byDistance[d])) : 0;
        }
        return new GradientReachSample(norms);
    }
}
