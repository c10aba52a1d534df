package com.seqplay.engine;

import com.seqplay.events.EventSink;
import com.seqplay.spec.RunSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * What a task trainer gets: the specification, its folder, where to report, its time budget.
 *
 * @param datasetFile an uploaded dataset file to train on instead of the built-in dataset the
 *     specification names; empty for built-in data
 * @param resume continue from the run folder's {@link ResumePoint} instead of starting afresh
 * @param stop asked from outside to stop after the current batch
 */
public record TrainingContext(
        RunSpec spec, Path runDir, EventSink sink, TrainingClock clock, List<TrainingListener> extraListeners,
        Optional<Path> datasetFile, boolean resume, StopRequest stop) {

    /** A fresh run nobody will ask to stop. */
    public TrainingContext(RunSpec spec, Path runDir, EventSink sink, TrainingClock clock,
            List<TrainingListener> extraListeners, Optional<Path> datasetFile) {
        this(spec, runDir, sink, clock, extraListeners, datasetFile, false, StopRequest.never());
    }
}
