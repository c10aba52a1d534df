package com.seqplay.run.service;

/** The run is not waiting in the queue any more, so it cannot be reordered (a 409 in the API). */
public class RunNotQueuedException extends RuntimeException {
    public RunNotQueuedException(String message) {
        super(message);
    }
}
