package com.seqplay.engine;

import com.seqplay.events.sample.SamplePayload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;

/**
 * What one task brings to the {@link EpochLoop}: its batches and how to fit one, its evaluation,
 * how to save its model, and the final scoring of the best epoch. Everything about epochs, time,
 * best epoch, checkpoints, early stopping and the result event is the loop's.
 *
 * @param <B> one training batch
 */
public interface EpochTask<B> {

    /** The training batches of this epoch, in the order to fit them (shuffle here). */
    Iterable<B> batches(int epoch);

    /** One optimiser step on a batch. */
    void fit(B batch) throws Exception;

    /** Scores the model as it is now on the validation data. */
    Evaluation evaluate(int epoch) throws Exception;

    /**
     * The evaluation of the network before any training, when the untrained network is itself a
     * forecast worth keeping, or null (the default) when it is not. Forecasting's is: its output
     * layer starts at zero, so it forecasts exactly the reference (Holt-Winters) that training
     * corrects. The loop offers it as epoch 0 to the best-epoch choice, so a run whose training
     * does not beat the reference on the validation windows keeps the reference.
     */
    default Evaluation evaluateUntrained() throws Exception {
        return null;
    }

    /**
     * Writes the current model to {@code file}. The loop calls it exactly when the epoch just
     * evaluated is the best so far, so a task may also keep what it needs of the best model here.
     */
    void saveModel(Path file) throws IOException;

    /** After training: the best epoch's final scores (test metrics), the baselines and a message for people. */
    FinalScores finish(BestEvaluation best) throws Exception;

    /**
     * The network being trained: the loop writes its parameters and updater state into the
     * {@link ResumePoint} after every epoch and restores them on resume. Null only for a task
     * that cannot be resumed (the loop's own tests): it then gets no resume point.
     */
    Model network();

    /**
     * What this task needs besides the network to continue after the epoch just done as the
     * uninterrupted run would: the position of its shuffling generator, its data order, what it
     * kept of the best epoch. Tasks whose data order follows from the seed and the epoch alone keep nothing.
     */
    default void saveState(TaskState state) throws java.io.IOException {}

    /** Takes back what {@link #saveState} kept, before the first resumed epoch. */
    default void restoreState(TaskState state) throws java.io.IOException {}

    /**
     * One epoch's evaluation.
     *
     * @param validationLoss the loss that picks the best epoch and drives early stopping (reported as {@code val_loss})
     * @param metrics the other metrics of this epoch, in reporting order
     * @param samples what the model produced, to show
     */
    record Evaluation(double validationLoss, Map<String, Double> metrics, List<SamplePayload> samples) {
        public Evaluation {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            samples = List.copyOf(samples);
        }
    }

    /** The best epoch and its evaluation. */
    record BestEvaluation(int epoch, Evaluation evaluation) {
        public double loss() {
            return evaluation.validationLoss();
        }
    }

    /**
     * @param metrics the run's final metrics besides {@code val_loss}, which the loop adds
     * @param baselines what the metrics compare with
     */
    record FinalScores(Map<String, Double> metrics, Map<String, Double> baselines, String message) {}
}
