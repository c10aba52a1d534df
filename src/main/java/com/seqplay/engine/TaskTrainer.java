package com.seqplay.engine;

/** Trains one kind of task; each task brings its data handling, model, metrics and baselines. */
public interface TaskTrainer {
    /**
     * Trains through an {@link EpochLoop}, which emits the result event (SUCCEEDED or DIVERGED);
     * throws only for a failure.
     */
    void train(TrainingContext context) throws Exception;
}
