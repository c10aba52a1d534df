package com.seqplay.engine;

import java.util.function.LongSupplier;

/** Wall-time budget of a run: training stops cleanly, keeping what it learned, once it is spent. */
public final class TrainingClock {
    private final LongSupplier nanoTime;
    private long startNanos;
    private final int limitSeconds;
    private final long limitNanos;

    public TrainingClock(int maxWallSeconds) {
        this(maxWallSeconds, System::nanoTime);
    }

    /** @param nanoTime the time source, in nanoseconds (tests pass one they move by hand) */
    public TrainingClock(int maxWallSeconds, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.limitSeconds = maxWallSeconds;
        this.limitNanos = maxWallSeconds * 1_000_000_000L;
    }

    public int limitSeconds() {
        return limitSeconds;
    }

    /** Time spent since the start, resumed time included. */
    public long spentNanos() {
        return nanoTime.getAsLong() - startNanos;
    }

    /** A resumed run: counts the time its earlier part spent against the limit. */
    public void alreadySpent(long nanos) {
        startNanos -= nanos;
    }

    public boolean expired() {
        return nanoTime.getAsLong() - startNanos > limitNanos;
    }
}
