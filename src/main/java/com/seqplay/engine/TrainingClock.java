package com.seqplay.engine;

/** Wall-time budget of a run: training stops cleanly, keeping what it learned, once it is spent. */
public final class TrainingClock {
    private final long startNanos = System.nanoTime();
    private final long limitNanos;

    public TrainingClock(int maxWallSeconds) {
        this.limitNanos = maxWallSeconds * 1_000_000_000L;
    }

    public boolean expired() {
        return System.nanoTime() - startNanos > limitNanos;
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
