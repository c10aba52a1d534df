package com.seqplay.engine;

import java.util.Random;

/**
 * A {@link Random} whose position can be saved and restored, so that a resumed run shuffles and
 * samples exactly as the uninterrupted run would have. It is the same linear congruential
 * generator as {@code java.util.Random} (the constants of its documentation), so a run started
 * with a seed draws the same numbers as before this class existed.
 */
public final class ResumableRandom extends Random {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;
    /** Set by {@link #setSeed}, which Random's constructor calls: no initialiser here, or it would undo that. */
    private long state;

    public ResumableRandom(long seed) {
        super(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        super.setSeed(seed);
        state = (seed ^ MULTIPLIER) & MASK;
    }

    @Override
    protected synchronized int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** The generator's position (48 bits). */
    public synchronized long position() {
        return state;
    }

    /** Moves the generator to a position {@link #position()} gave. */
    public synchronized void moveTo(long position) {
        state = position & MASK;
    }
}
