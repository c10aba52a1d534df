package com.seqplay.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request from outside (the server shutting down) to stop training soon. The loop checks it after
 * every batch and stops there without a result; the last resume point (written at the end of the
 * previous epoch) is what a resumed run continues from.
 */
public final class StopRequest {
    private final AtomicBoolean requested = new AtomicBoolean();

    /** A request nobody will ever make: for runs without a parent to ask. */
    public static StopRequest never() {
        return new StopRequest();
    }

    public void request() {
        requested.set(true);
    }

    public boolean requested() {
        return requested.get();
    }
}
