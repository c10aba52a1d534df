package com.seqplay.cli;

import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.health.HealthQuantity;
import com.seqplay.events.sample.SampleText;
import java.io.PrintStream;
import java.util.Set;

/** Shows a run's events to a person at a terminal: one line per epoch metric, sparse loss lines. */
final class ConsoleSink implements EventSink {
    private static final int LOSS_EVERY = 10;
    private static final Set<String> PER_ITERATION = Set.of("train_loss", "grad_norm", "clipped");
    private final PrintStream out;
    private long totalSteps;

    ConsoleSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void emit(TrainerEvent event) {
        if (event instanceof TrainerEvent.Started e) {
            out.printf("Training on %s (%s)%n", e.backend(), e.device());
        } else if (event instanceof TrainerEvent.Progress e) {
            totalSteps = e.totalSteps();
            return;
        } else if (event instanceof TrainerEvent.Metric e) {
            if (HealthQuantity.isHealthSeries(e.name())) {
                return; // per-layer health measurements: the run page draws them, the run folder keeps the flag
            }
            if (PER_ITERATION.contains(e.name()) && e.step() % LOSS_EVERY != 0) {
                return; // four events per iteration: printing (and flushing) only every tenth step keeps this cheap
            }
            out.printf("epoch %d  step %d/%d  %s %.4f%n", e.epoch(), e.step(), totalSteps, e.name(), e.value());
        } else if (event instanceof TrainerEvent.Sample e) {
            out.printf("epoch %d %s sample: %s%n", e.epoch(), e.kind(), SampleText.of(e.payload()));
        } else if (event instanceof TrainerEvent.Checkpoint e) {
            out.printf("checkpoint after epoch %d: %s%n", e.epoch(), e.path());
        } else if (event instanceof TrainerEvent.Result e) {
            out.printf("%s: %s%n  metrics %s%n  baselines %s%n", e.status(), e.message(), e.metrics(), e.baselines());
        } else if (event instanceof TrainerEvent.Error e) {
            out.printf("FAILED: %s%n", e.message());
        } else if (event instanceof TrainerEvent.Log e) {
            out.println(e.message());
        }
        out.flush();
    }
}
