package com.seqplay.run.service;

import com.seqplay.events.EventCodec;
import com.seqplay.events.TrainerEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a {@link FakeTrainerLauncher} trainer does, step by step: the lines it writes on its
 * standard output (events or plain text), where it waits, and its exit code. Immutable: each
 * method returns a longer script.
 */
final class TrainerScript {
    /** One step of a script. */
    sealed interface Step {}

    /** Writes one line on the trainer's standard output. */
    record Line(String text) implements Step {}

    /** Waits until the test releases the trainer or the server stops it. */
    record Hold() implements Step {}

    private final List<Step> steps;
    private final int exitCode;

    private TrainerScript(List<Step> steps, int exitCode) {
        this.steps = List.copyOf(steps);
        this.exitCode = exitCode;
    }

    /** A trainer that reports its backend first, as the real one does. */
    static TrainerScript trainer() {
        return new TrainerScript(List.of(), 0).emit(new TrainerEvent.Started("fake", "no device"));
    }

    /** A trainer that trains for two steps and succeeds with a loss of 0.5. */
    static TrainerScript succeeding() {
        return trainer()
                .emit(new TrainerEvent.Metric("train_loss", 1, 1, 2.0))
                .emit(new TrainerEvent.Metric("train_loss", 2, 1, 1.0))
                .emit(new TrainerEvent.Result(TrainerEvent.ResultStatus.SUCCEEDED, Map.of("loss", 0.5), Map.of("uniform", 3.0), "done"));
    }

    /** A trainer that holds until released (or stopped), then succeeds at once. */
    static TrainerScript succeedingWhenReleased() {
        return trainer().hold()
                .emit(new TrainerEvent.Result(TrainerEvent.ResultStatus.SUCCEEDED, Map.of("loss", 0.5), Map.of("uniform", 3.0), "done"));
    }

    TrainerScript emit(TrainerEvent event) {
        return then(new Line(EventCodec.encode(event)));
    }

    /** Output that is not an event (a library's message): it belongs in the run's log. */
    TrainerScript print(String text) {
        return then(new Line(text));
    }

    TrainerScript hold() {
        return then(new Hold());
    }

    TrainerScript exit(int code) {
        return new TrainerScript(steps, code);
    }

    List<Step> steps() {
        return steps;
    }

    int exitCode() {
        return exitCode;
    }

    private TrainerScript then(Step step) {
        List<Step> longer = new ArrayList<>(steps);
        longer.add(step);
        return new TrainerScript(longer, exitCode);
    }
}
