package com.seqplay.engine.memory;

import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.DataSets;
import com.seqplay.engine.EpochLoop;
import com.seqplay.engine.EpochTask;
import com.seqplay.engine.TaskState;
import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.engine.health.TrainingHealthWatch;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.MemorySample;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.memory.MemoryProbe;
import com.seqplay.task.memory.MemoryProbe.Sequence;
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
 *   <li>The epoch with the lowest {@code val_loss} gives the run's result: its accuracy on the
 *       test sequences is the run's {@code accuracy}, beside the baseline {@code chance} = 1 /
 *       alphabet (checkpoint, early stopping and time limit as {@link EpochLoop} rules).</li>
 * </ul>
 */
public final class MemoryTrainer implements TaskTrainer {
    /** Questions shown in each epoch's sample. */
    static final int SAMPLE_QUESTIONS = 6;

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
        sink.emit(new TrainerEvent.Log(String.format(
                "Memory probe: %d symbols of %d, then %d distractors, then the query (%d steps, %d input tokens); "
                        + "%d training, %d validation, %d test sequences; chance %.4g",
                probe.symbols(), probe.alphabet(), probe.distractors(), probe.length(), probe.vocabularySize(),
                split.training().size(), split.validation().size(), split.test().size(), probe.chance())));

        MultiLayerNetwork net = MemoryNetwork.build(spec, probe.vocabularySize(), probe.alphabet());
        // one prediction per sequence: DL4J's score is already the mean cross-entropy per question
        var monitor = new TrainingMonitor(sink, spec, (long) spec.epochs() * batchesPerEpoch, 1);
        List<TrainingListener> listeners = new ArrayList<>(ctx.extraListeners());
        listeners.add(0, monitor);
        listeners.add(0, TrainingHealthWatch.of(ctx, monitor)); // first: sees the gradient before clipping
        net.setListeners(listeners);

        EpochLoop.of(ctx, monitor).run(new EpochTask<DataSet>() {
            /** Test accuracy of the best epoch so far, scored when it is saved (the test set is used for nothing else). */
            private double bestTestAccuracy = Double.NaN;

            /** Epochs whose shuffle the data's order has been through: each shuffles the order the last one left. */
            private int shuffled;

            @Override
            public Iterable<DataSet> batches(int epoch) {
                DataSets.shuffle(trainData, spec.seed() + epoch);
                shuffled = epoch;
                return trainData.batchBy(spec.batchSize());
            }

            @Override
            public void fit(DataSet batch) {
                net.fit(batch);
            }

            @Override
            public Evaluation evaluate(int epoch) {
                MemoryScores validation = MemoryScores.of(net, validationData);
                return new Evaluation(validation.loss(), Map.of("accuracy", validation.accuracy()),
                        List.of(sample(probe, shown, validation)));
            }

            @Override
            public void saveModel(Path file) throws IOException {
                bestTestAccuracy = MemoryScores.of(net, testData).accuracy();
                Checkpoints.write(net, file);
            }

            @Override
            public Model network() {
                return net;
            }

            /** The data order is replayed from the seed (a few shuffles); the best epoch's test score is kept. */
            @Override
            public void saveState(TaskState state) {
                state.putDouble("best_test_accuracy", bestTestAccuracy);
                state.putLong("shuffled_epochs", shuffled);
            }

            @Override
            public void restoreState(TaskState state) {
                bestTestAccuracy = state.getDouble("best_test_accuracy");
                for (int e = 1; e <= state.getLong("shuffled_epochs"); e++) {
                    batches(e);
                }
            }

            @Override
            public FinalScores finish(BestEvaluation best) {
                Map<String, Double> metrics = new LinkedHashMap<>();
                metrics.put("accuracy", bestTestAccuracy);
                metrics.put("val_accuracy", best.evaluation().metrics().get("accuracy"));
                return new FinalScores(metrics, baselines, String.format(Locale.ROOT,
                        "Test accuracy %.3f at epoch %d (chance %.3f) across %d distractors", bestTestAccuracy,
                        best.epoch(), probe.chance(), probe.distractors()));
            }
        });
    }

    /** The {@code memory} sample: the gap length and the model's answers to the shown questions. */
    static MemorySample sample(MemoryProbe probe, List<Sequence> shown, MemoryScores scores) {
        List<MemorySample.Question> questions = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            int answer = scores.answer(i);
            questions.add(new MemorySample.Question(probe.shownSymbols(shown.get(i)), MemoryProbe.symbolName(answer),
                    scores.probabilities()[i][answer], MemoryProbe.symbolName(shown.get(i).answer())));
        }
        return new MemorySample(probe.distractors(), questions);
    }
}
