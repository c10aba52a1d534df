package com.seqplay.engine.memory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.engine.BestEpoch;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.memory.MemoryProbe;
import com.seqplay.task.memory.MemoryProbe.Sequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The memory probe: a recurrent network reads symbols, {@code distractors} filler steps and a
 * query, and must name the first symbol ({@link MemoryProbe} generates the sequences from the
 * run's seed).
 *
 * <ul>
 *   <li>Data: {@code sequences} generated sequences, cut by {@link MemoryProbe#split} into 80%
 *       training (shuffled each epoch), 10% validation and 10% test.</li>
 *   <li>Each epoch: {@code val_loss} (mean cross-entropy in nats on the validation sequences, the
 *       measure of {@code train_loss}) and {@code accuracy} on the validation sequences, and a
 *       {@code memory} sample: the first {@value #SAMPLE_QUESTIONS} validation questions with the
 *       model's answers.</li>
 *   <li>The epoch with the lowest {@code val_loss} is checkpointed; its accuracy on the test
 *       sequences is the run's {@code accuracy}, beside the baseline {@code chance} = 1 / alphabet.
 *       With {@code patience > 0} training stops after that many epochs without a better
 *       {@code val_loss}.</li>
 * </ul>
 */
public final class MemoryTrainer implements TaskTrainer {
    /** Questions shown in each epoch's sample. */
    static final int SAMPLE_QUESTIONS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void train(TrainingContext ctx) throws Exception {
        RunSpec spec = ctx.spec();
        EventSink sink = ctx.sink();
        MemoryProbe probe = MemoryProbe.of(spec.memory());
        MemoryProbe.Split split = MemoryProbe.split(probe.generate(spec.memory().sequences(), spec.seed()));
        DataSet trainData = MemoryArrays.dataSet(probe, split.training());
        DataSet validationData = MemoryArrays.dataSet(probe, split.validation());
        DataSet testData = MemoryArrays.dataSet(probe, split.test());
        List<Sequence> shown = split.validation().subList(0, Math.min(SAMPLE_QUESTIONS, split.validation().size()));
        int batchesPerEpoch = (trainData.numExamples() + spec.batchSize() - 1) / spec.batchSize();
        Map<String, Double> baselines = Map.of("chance", probe.chance());
        sink.emit(TrainerEvent.log(String.format(
                "Memory probe: %d symbols of %d, then %d distractors, then the query (%d steps, %d input tokens); "
                        + "%d training, %d validation, %d test sequences; chance %.4g",
                probe.symbols(), probe.alphabet(), probe.distractors(), probe.length(), probe.vocabularySize(),
                split.training().size(), split.validation().size(), split.test().size(), probe.chance())));

        MultiLayerNetwork net = MemoryNetwork.build(spec, probe.vocabularySize(), probe.alphabet());
        // one prediction per sequence: DL4J's score is already the mean cross-entropy per question
        var monitor = new TrainingMonitor(sink, spec, (long) spec.epochs() * batchesPerEpoch, 1);
        List<TrainingListener> listeners = new ArrayList<>(ctx.extraListeners());
        listeners.add(0, monitor);
        net.setListeners(listeners);

        var best = new BestEpoch(spec.patience());
        Double bestTestAccuracy = null;
        double bestValidationAccuracy = Double.NaN;
        for (int epoch = 1; epoch <= spec.epochs() && !ctx.clock().expired(); epoch++) {
            monitor.startEpoch(epoch);
            trainData.shuffle(spec.seed() + epoch);
            for (DataSet batch : trainData.batchBy(spec.batchSize())) {
                net.fit(batch);
                if (ctx.clock().expired()) {
                    sink.emit(TrainerEvent.log("Wall-time limit of " + spec.maxWallSeconds() + " s reached"));
                    break;
                }
            }
            long step = monitor.step();
            MemoryScores validation = MemoryScores.of(net, validationData);
            sink.emit(TrainerEvent.metric("val_loss", step, epoch, validation.loss()));
            sink.emit(TrainerEvent.metric("accuracy", step, epoch, validation.accuracy()));
            sink.emit(TrainerEvent.sample("memory", epoch, sampleJson(probe, shown, validation)));
            if (best.offer(epoch, validation.loss())) {
                bestTestAccuracy = MemoryScores.of(net, testData).accuracy();
                bestValidationAccuracy = validation.accuracy();
                Checkpoints.save(net, ctx.runDir(), epoch, sink);
            } else if (best.shouldStop(epoch)) {
                sink.emit(TrainerEvent.log("Early stop after epoch " + epoch + ": no better val_loss for "
                        + spec.patience() + " epochs; keeping epoch " + best.epoch()));
                break;
            }
        }
        if (bestTestAccuracy == null) {
            throw new IllegalStateException("no epoch finished with a finite val_loss within the wall-time limit of "
                    + spec.maxWallSeconds() + " s");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", bestTestAccuracy);
        metrics.put("val_loss", best.loss());
        metrics.put("val_accuracy", bestValidationAccuracy);
        sink.emit(TrainerEvent.result("SUCCEEDED", metrics, baselines, String.format(java.util.Locale.ROOT,
                "Test accuracy %.3f at epoch %d (chance %.3f) across %d distractors", bestTestAccuracy, best.epoch(),
                probe.chance(), probe.distractors())));
    }

    /** One question of a sample: the symbols shown, the model's answer and its probability, the truth. */
    record SampleQuestion(String symbols, String answer, double probability, String truth) {}

    /** The {@code memory} sample: the gap length and the model's answers to the shown questions. */
    record Sample(int distractors, List<SampleQuestion> questions) {}

    static String sampleJson(MemoryProbe probe, List<Sequence> shown, MemoryScores scores)
            throws JsonProcessingException {
        List<SampleQuestion> questions = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            int answer = scores.answer(i);
            questions.add(new SampleQuestion(probe.shownSymbols(shown.get(i)), MemoryProbe.symbolName(answer),
                    scores.probabilities()[i][answer], MemoryProbe.symbolName(shown.get(i).answer())));
        }
        return JSON.writeValueAsString(new Sample(probe.distractors(), questions));
    }
}
