package com.seqplay.cli;

import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import java.io.PrintStream;

/** Shows a run's events to a person at a terminal: one line per epoch metric, sparse loss lines. */
final class ConsoleSink implements EventSink {
    private static final int LOSS_EVERY = 10;
    private static final java.util.Set<String> PER_ITERATION = java.util.Set.of("train_loss", "grad_norm", "clipped");
    private final PrintStream out;
    private long totalSteps;

    ConsoleSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public void emit(TrainerEvent e) {
        switch (e.type()) {
            case STARTED -> out.printf("Training on %s (%s)%n", e.backend(), e.device());
            case PROGRESS -> totalSteps = e.totalSteps();
            case METRIC -> {
                if (!PER_ITERATION.contains(e.name()) || e.step() % LOSS_EVERY == 0) {
                    out.printf("epoch %d  step %d/%d  %s %.4f%n", e.epoch(), e.step(), totalSteps, e.name(), e.value());
                }
            }
            case SAMPLE -> out.printf("epoch %d sample: %s%n", e.epoch(), e.text());
            case CHECKPOINT -> out.printf("checkpoint: %s%n", e.text());
            case RESULT -> out.printf("%s: %s%n  metrics %s%n  baselines %s%n", e.status(), e.text(), e.metrics(),
                    e.baselines());
            case ERROR -> out.printf("FAILED: %s%n", e.text());
            case LOG -> out.println(e.text());
        }
        out.flush();
    }
}
