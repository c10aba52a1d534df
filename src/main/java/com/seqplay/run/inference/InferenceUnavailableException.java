package com.seqplay.run.inference;

/**
 * No answer came from the inference worker: it took longer than the time limit (and was
 * restarted), it stopped while answering, or it could not start. The server's fault or its load,
 * not the request's: a 504 for a time-out, a 503 otherwise.
 */
public class InferenceUnavailableException extends RuntimeException {
    private final boolean timedOut;

    InferenceUnavailableException(String message, boolean timedOut) {
        super(message);
        this.timedOut = timedOut;
    }

    public boolean timedOut() {
        return timedOut;
    }
}
