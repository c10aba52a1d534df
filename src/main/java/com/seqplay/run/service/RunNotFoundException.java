package com.seqplay.run.service;

/** No run with this id (or none that the current user may see). */
public class RunNotFoundException extends RuntimeException {
    public RunNotFoundException(long id) {
        super("There is no run " + id + ".");
    }
}
