package com.seqplay.run.history;

/** The run is still queued or running, and what was asked needs a finished run (HTTP 409). */
public class RunBusyException extends RuntimeException {
    public RunBusyException(String message) {
        super(message);
    }
}
