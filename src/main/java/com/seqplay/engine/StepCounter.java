package com.seqplay.engine;

/** Counts training iterations and knows the epoch they belong to ({@link TrainingMonitor} in a real run). */
public interface StepCounter {
    /** Iterations from now on belong to {@code epoch}. */
    void startEpoch(int epoch);

    /** Iterations done so far, over all epochs. */
    long step();

    /** A resumed run: iterations done before it stopped, so its steps go on from there. */
    void continueFrom(long step);
}
