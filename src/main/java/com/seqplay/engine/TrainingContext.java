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
 * @param datasetFile an uploaded dataset to train on instead of a built-in one, when the run has one
 */
public record TrainingContext(
        RunSpec spec, Path runDir, EventSink sink, TrainingClock clock, List<TrainingListener> extraListeners,
        Optional<Path> datasetFile) {}
