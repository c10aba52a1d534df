package com.seqplay.upload.service;

/** No uploaded dataset has this id (never was, or was deleted). */
public class DatasetNotFoundException extends RuntimeException {
    public DatasetNotFoundException(long id) {
        super("There is no uploaded dataset upload:" + id + ".");
    }
}
