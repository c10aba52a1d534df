package com.seqplay.engine;

import com.seqplay.events.sample.SamplePayload;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * Writes the current model to {@code file}. The loop calls it exactly when the epoch just
     * evaluated is the best so far, so a task may also keep what it needs of the best model here.
     */
    void saveModel(Path file) throws IOException;

    /** After training: the best epoch's final scores (test metrics), the baselines and a message for people. */
    FinalScores finish(BestEvaluation best) throws Exception;

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
