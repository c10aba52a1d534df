package com.seqplay.security;

/** Lab mode cannot start as configured; {@link LabSetupFailureAnalyzer} prints the message and the way out. */
public class LabSetupException extends RuntimeException {
    private final String action;

    public LabSetupException(String message, String action) {
        super(message);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
