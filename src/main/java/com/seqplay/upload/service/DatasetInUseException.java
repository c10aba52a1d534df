package com.seqplay.upload.service;

/** An upload that a queued or training run still needs, so it cannot be removed yet. */
public class DatasetInUseException extends RuntimeException {
    public DatasetInUseException(String message) {
        super(message);
    }
}
