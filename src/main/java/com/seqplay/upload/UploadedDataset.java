package com.seqplay.upload;

import java.time.Instant;

/**
 * A dataset a person uploaded. Its {@link #ref()} ({@code upload:<id>}) is what a run
 * specification names in its {@code dataset} field.
 */
public record UploadedDataset(long id, String owner, String task, String fileName, long sizeBytes, String summary,
        Instant createdAt) {
    public static final String PREFIX = "upload:";

    public String ref() {
        return PREFIX + id;
    }
}
