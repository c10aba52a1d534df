package com.seqplay.engine;

/** Training produced a loss that is not a finite number: the run ends as DIVERGED, not FAILED. */
public class DivergedException extends RuntimeException {
    public DivergedException(long iteration, double loss) {
        super("The loss became " + loss + " at iteration " + iteration
                + ". Try gradient clipping (global-norm 1.0 is a safe start) or a smaller learning rate.");
    }
}
