package com.seqplay.task;

import java.util.Optional;

/** An uploaded file's name and bytes, as a task definition reads them to propose defaults. */
public record UploadedData(String fileName, byte[] content) {

    /**
     * Finds the file of an uploaded dataset by its reference ({@code upload:<id>}). The control
     * plane gives one backed by the stored uploads; the CLI and tests have none.
     */
    @FunctionalInterface
    public interface Lookup {
        Lookup NONE = dataset -> Optional.empty();

        Optional<UploadedData> find(String dataset);
    }
}
