package com.seqplay.run.service;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts trainers. Today: local child processes. A cluster scheduler (Slurm, Kubernetes Jobs) can
 * implement the same interface later, with events arriving over the network instead of a pipe.
 */
public interface TrainerLauncher {
    RunningTrainer start(long runId, Path specFile, Path runDir) throws IOException;
}
