package com.seqplay.engine;

/**
 * Keeps track of the epoch with the lowest validation loss and decides early stopping: with a
 * patience of {@code p > 0}, training stops once {@code p} epochs in a row brought no lower loss;
 * a patience of 0 never stops early.
 */
public final class BestEpoch {
    private final int patience;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;

    public BestEpoch(int patience) {
        this.patience = patience;
    }

    /** Records the epoch's validation loss; true when it is the best so far (a NaN never is). */
    public boolean offer(int epoch, double loss) {
        if (loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = epoch;
            return true;
        }
        return false;
    }

    /** A resumed run: the best epoch and loss its earlier part found. */
    public void restore(int epoch, double loss) {
        bestEpoch = epoch;
        bestLoss = loss;
    }

    /** After {@link #offer} for {@code epoch}: whether to stop training now. */
    public boolean shouldStop(int epoch) {
        return patience > 0 && found() && epoch - bestEpoch >= patience;
    }

    /** Whether any epoch (0, the untrained network, included) gave a finite loss. */
    public boolean found() {
        return bestLoss < Double.POSITIVE_INFINITY;
    }

    public double loss() {
        return bestLoss;
    }

    /** The best epoch (0: the untrained network, see {@link EpochTask#evaluateUntrained}); 0 as well before any finite loss. */
    public int epoch() {
        return bestEpoch;
    }
}
