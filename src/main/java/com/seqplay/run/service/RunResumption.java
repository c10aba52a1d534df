package com.seqplay.run.service;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.events.ResumeSummary;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunFolder;
import com.seqplay.run.domain.RunStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts an INTERRUPTED run back in the queue to continue from its resume point (written by its
 * trainer after every epoch): the points and samples of the epoch it was in when it stopped are
 * removed, since the resumed trainer reports that epoch again, so every series continues without
 * a gap or a repeat; everything up to the resume point is kept. The trainer's log keeps the story
 * (when it was interrupted and why, when and by whom it was resumed), so the run's history stays
 * honest even though its status later reads SUCCEEDED.
 */
@Component
class RunResumption {
    private static final Logger log = LoggerFactory.getLogger(RunResumption.class);
    private final RunRepository runs;
    private final MetricRepository metrics;
    private final SampleRepository samples;
    private final SeqplayProperties properties;
    private final Clock clock;

    RunResumption(RunRepository runs, MetricRepository metrics, SampleRepository samples,
            SeqplayProperties properties, Clock clock) {
        this.runs = runs;
        this.metrics = metrics;
        this.samples = samples;
        this.properties = properties;
        this.clock = clock;
    }

    /** The run's resume point, if its folder holds a readable one. */
    Optional<ResumeSummary> point(long runId) {
        try {
            return ResumeSummary.read(RunFolder.of(properties.runsDir(), runId).path());
        } catch (IOException e) {
            log.warn("run {}: unreadable resume point", runId, e);
            return Optional.empty();
        }
    }

    /**
     * @throws RunNotResumableException naming the status when the run is not INTERRUPTED, or saying
     *     that no epoch ended when it has no resume point
     */
    void requeue(Run run, String by) {
        if (run.status() != RunStatus.INTERRUPTED) {
            throw new RunNotResumableException("Run " + run.id() + " is " + run.status()
                    + ", not INTERRUPTED: only an interrupted run can be resumed.");
        }
        ResumeSummary point = point(run.id()).orElseThrow(() -> new RunNotResumableException("Run " + run.id()
                + " is INTERRUPTED but has no resume point: it stopped before its first epoch ended. Start it again"
                + " as a new run instead."));
        // Trimmed before the run is queued, so nothing the resumed trainer reports can be removed.
        int[] removedAndRestored = metrics.trimForResume(run.id(), point.epochsDone(), point.evaluations(),
                clock.instant());
        samples.deleteAfter(run.id(), point.epochsDone());
        if (!runs.requeueInterrupted(run.id())) {
            throw new RunNotResumableException("Run " + run.id() + " is not INTERRUPTED any more: it was resumed or"
                    + " changed meanwhile.");
        }
        appendLog(run, "RESUMED by " + by + " at " + clock.instant() + " after epoch " + point.epochsDone()
                + " (step " + point.step() + "; " + removedAndRestored[0] + " points of the unfinished epoch removed, "
                + removedAndRestored[1] + " lost points of finished epochs put back). It had been"
                + " INTERRUPTED: " + run.error());
    }

    private void appendLog(Run run, String line) {
        try {
            Files.writeString(RunFolder.of(properties.runsDir(), run.id()).logFile(), line + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("run {}: cannot write its log", run.id(), e);
        }
    }
}
