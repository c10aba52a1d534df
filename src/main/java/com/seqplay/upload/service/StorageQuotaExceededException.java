package com.seqplay.upload.service;

/** An upload that would take its owner past the per-user storage quota ({@code seqplay.limits.upload-quota}). */
public class StorageQuotaExceededException extends RuntimeException {
    public StorageQuotaExceededException(String message) {
        super(message);
    }
}
