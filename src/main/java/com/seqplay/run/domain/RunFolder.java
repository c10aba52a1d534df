package com.seqplay.run.domain;

import java.nio.file.Path;

/**
 * Where one run keeps its files: {@code <data-dir>/runs/<id>/} holds the specification it was
 * started with, the trainer's log, its copy of an uploaded dataset and the checkpoints the
 * trainer writes. With these files alone the run can be repeated or moved to another machine
 * ({@code seqplay train spec.json --dataset-file dataset}).
 */
public record RunFolder(Path path) {
    public static final String SPEC_FILE = "spec.json";
    public static final String LOG_FILE = "trainer.log";
    public static final String DATASET_FILE = "dataset";

    public static RunFolder of(Path runsDir, long runId) {
        return new RunFolder(runsDir.resolve(Long.toString(runId)));
    }

    public Path specFile() {
        return path.resolve(SPEC_FILE);
    }

    public Path logFile() {
        return path.resolve(LOG_FILE);
    }

    public Path datasetFile() {
        return path.resolve(DATASET_FILE);
    }
}
