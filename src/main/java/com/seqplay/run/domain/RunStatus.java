package com.seqplay.run.domain;

/**
 * Where a run is in its life. {@code QUEUED -> RUNNING -> SUCCEEDED | FAILED | CANCELLED |
 * DIVERGED}; {@code INTERRUPTED} when its process or the server died under it.
 */
public enum RunStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    DIVERGED,
    INTERRUPTED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
