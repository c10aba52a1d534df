package com.seqplay.run.service;

/** A run that has no saved model (yet) cannot answer predictions. */
public class ModelNotReadyException extends RuntimeException {
    public ModelNotReadyException(long id) {
        super("Run " + id + " has no saved model yet: a model is saved after its first epoch.");
    }
}
