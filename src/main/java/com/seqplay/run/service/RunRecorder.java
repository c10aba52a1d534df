package com.seqplay.run.service;

import com.seqplay.events.TrainerEvent;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.domain.Sample;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Stores what trainers report and tells watchers. Metric points are written in batches (each
 * batch one commit); status changes and results are written the moment they arrive.
 */
@Component
public class RunRecorder {
    private final RunRepository runs;
    private final MetricRepository metrics;
    private final SampleRepository samples;
    private final RunUpdates updates;
    private final Clock clock;

    RunRecorder(RunRepository runs, MetricRepository metrics, SampleRepository samples, RunUpdates updates, Clock clock) {
        this.runs = runs;
        this.metrics = metrics;
        this.samples = samples;
        this.updates = updates;
        this.clock = clock;
    }

    void metrics(long runId, List<TrainerEvent.Metric> events) {
        if (events.isEmpty()) {
            return;
        }
        var now = clock.instant();
        List<MetricPoint> points = new ArrayList<>();
        for (TrainerEvent.Metric e : events) {
            // H2 stores NaN, but a chart cannot draw it; divergence is reported by the result.
            if (Double.isFinite(e.value())) {
                points.add(new MetricPoint(e.name(), e.step(), e.epoch(), e.value(), now));
            }
        }
        metrics.insert(runId, points);
        updates.publish(new RunUpdate(runId, null, points, null));
    }

    void started(long runId, TrainerEvent.Started e) {
        runs.recordBackend(runId, e.backend(), e.device());
        publishRun(runId);
    }

    void progress(long runId, double fraction) {
        runs.recordProgress(runId, Math.min(1.0, fraction));
        publishRun(runId);
    }

    void sample(long runId, TrainerEvent.Sample e) {
        var sample = new Sample(e.kind(), e.epoch(), e.content(), clock.instant());
        samples.insert(runId, sample);
        updates.publish(new RunUpdate(runId, null, List.of(), sample));
    }

    /** Moves a run to a final status if it is still in one of {@code from}; false if it was not. */
    boolean finish(long runId, List<RunStatus> from, RunStatus to, TrainerEvent.Result result, String error) {
        boolean changed = runs.finish(runId, from, to, result == null ? null : result.metrics(),
                result == null ? null : result.baselines(), error, clock.instant());
        if (changed) {
            publishRun(runId);
        }
        return changed;
    }

    void publishRun(long runId) {
        runs.find(runId).ifPresent(run -> updates.publish(new RunUpdate(runId, run, List.of(), null)));
    }
}
