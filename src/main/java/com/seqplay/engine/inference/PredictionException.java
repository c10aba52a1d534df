package com.seqplay.engine.inference;

/** The request cannot be answered by this model; the message says why, in the user's terms. */
public class PredictionException extends RuntimeException {
    public PredictionException(String message) {
        super(message);
    }
}
