package com.seqplay.run.service;

import java.io.BufferedReader;
import java.time.Duration;

/** A started trainer: its event stream, its end, and a way to stop it. */
public interface RunningTrainer {
    long pid();

    /** Standard output of the trainer: event lines and whatever else it prints. */
    BufferedReader output();

    /** Waits for the end and returns the exit code. */
    int waitFor() throws InterruptedException;

    /** Asks the trainer to stop, and kills it if it has not stopped within {@code grace}. */
    void stop(Duration grace);

    /**
     * Asks the trainer to stop after its current batch, keeping its last resume point, and returns at
     * once (the server shutting down asks all its trainers before it waits for any).
     */
    void requestStop();
}
