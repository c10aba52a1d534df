package com.seqplay.engine;

import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one run: the single entry point of the engine, used by the trainer process that the
 * server starts and by the {@code train} command. It reports through an {@link EventSink} only.
 */
public final class Trainer {
    private final RunSpec spec;
    private final Path runDir;
    private final EventSink sink;
    private final Optional<Path> datasetFile;
    private final boolean resume;
    private final StopRequest stop;

    public Trainer(RunSpec spec, Path runDir, EventSink sink) {
        this(spec, runDir, sink, Optional.empty());
    }

    /** @param datasetFile the file of an uploaded dataset the specification names, if any */
    public Trainer(RunSpec spec, Path runDir, EventSink sink, Optional<Path> datasetFile) {
        this(spec, runDir, sink, datasetFile, false, StopRequest.never());
    }

    /**
     * @param resume continue from the resume point in {@code runDir} ({@link ResumePoint})
     * @param stop a request to stop after the current batch, keeping the last resume point
     */
    public Trainer(RunSpec spec, Path runDir, EventSink sink, Optional<Path> datasetFile, boolean resume,
            StopRequest stop) {
        this.spec = spec;
        this.runDir = runDir;
        this.sink = sink;
        this.datasetFile = datasetFile;
        this.resume = resume;
        this.stop = stop;
    }

    /** Trains to the end; returns normally for SUCCEEDED and DIVERGED, throws for a failure. */
    public void run() throws Exception {
        Files.createDirectories(runDir);
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Backend backend = Backend.current();
        sink.emit(new TrainerEvent.Started(backend.name(), backend.device()));
        Nd4j.getRandom().setSeed(spec.seed());
        TaskTrainer task = TaskEngines.trainer(spec.task());
        List<TrainingListener> extra = new ArrayList<>();
        if (spec.faultInjection() != null) {
            extra.add(FaultInjector.listener(spec.faultInjection()));
        }
        if (!spec.dataset().startsWith("builtin:") && datasetFile.isEmpty()) {
            throw new IllegalArgumentException("dataset " + spec.dataset() + " is an upload: give its file with --dataset-file");
        }
        // the task's EpochLoop emits the result, DIVERGED included
        task.train(new TrainingContext(spec, runDir, sink, new TrainingClock(spec.maxWallSeconds()), extra,
                datasetFile, resume, stop));
    }
}
