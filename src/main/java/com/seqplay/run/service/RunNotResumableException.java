package com.seqplay.run.service;

/** The run cannot be resumed: it is not INTERRUPTED, or it has no resume point (a 409 in the API). */
public class RunNotResumableException extends RuntimeException {
    public RunNotResumableException(String message) {
        super(message);
    }
}
