package com.seqplay.run.history;

/** No experiment with this id (HTTP 404). */
public class ExperimentNotFoundException extends RuntimeException {
    public ExperimentNotFoundException(long id) {
        super("Experiment " + id + " does not exist.");
    }
}
