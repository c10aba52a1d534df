package com.seqplay.run.service;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts trainers. Today: local child processes. A cluster scheduler (Slurm, Kubernetes Jobs) can
 * implement the same interface later, with events arriving over the network instead of a pipe.
 */
public interface TrainerLauncher {
    /**
     * @param datasetFile the run's own copy of an uploaded dataset, if it trains on one
     * @param resume continue from the resume point the trainer left in {@code runDir} (an INTERRUPTED run resumed)
     */
    RunningTrainer start(long runId, Path specFile, Path runDir, Optional<Path> datasetFile, boolean resume)
            throws IOException;
}
