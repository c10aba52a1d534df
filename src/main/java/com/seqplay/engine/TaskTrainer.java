package com.seqplay.engine;

/** Trains one kind of task; each task brings its data handling, model, metrics and baselines. */
public interface TaskTrainer {
    /** Trains and emits a RESULT event at the end; throws {@link DivergedException} on a NaN loss. */
    void train(TrainingContext context) throws Exception;
}
