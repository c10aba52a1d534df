package com.seqplay.engine.layers;

/**
 * Element-wise work outside the layers (the optimiser's step) shared by the {@link StepTeam} when
 * one is configured: each member takes a block of the elements. Without a team, or for fewer
 * elements than make a second thread worth waking, it all runs on the calling thread. The blocks
 * are independent, so the result is the same however they are split.
 */
public final class ElementWork {
    /** Fewest elements per member: below it, waking a member costs more than the work. */
    static final int MIN_PER_MEMBER = 16_384;

    /** Work on the elements [from, to). */
    public interface Range {
        void run(int from, int to);
    }

    private ElementWork() {}

    public static void split(int elements, Range work) {
        if (elements < 2 * MIN_PER_MEMBER) {
            work.run(0, elements);
            return;
        }
        try (StepTeam team = StepTeam.tryAcquire(elements)) {
            StepTeam.byRows(team, elements, (from, count) -> work.run(from, from + count));
        }
    }
}
