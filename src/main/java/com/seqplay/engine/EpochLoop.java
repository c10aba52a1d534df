package com.seqplay.engine;

import com.seqplay.engine.EpochTask.BestEvaluation;
import com.seqplay.engine.EpochTask.Evaluation;
import com.seqplay.engine.EpochTask.FinalScores;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.SamplePayload;
import com.seqplay.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The epoch loop of every task. Each epoch fits the task's batches, evaluates, reports
 * {@code val_loss}, the task's metrics and samples, and checkpoints the model when the epoch is
 * the best so far. The rules, the same for every task:
 *
 * <ul>
 *   <li><b>Best epoch</b>: the one with the lowest finite validation loss. Its model is written to
 *       {@link Checkpoints#MODEL_FILE} (a temporary file renamed over the old one, so a kill mid-write
 *       leaves the previous checkpoint whole) and it is the one {@link EpochTask#finish} scores.</li>
 *   <li><b>Early stopping</b>: with {@code patience > 0}, training ends once that many epochs in a
 *       row brought no better validation loss ({@link BestEpoch}).</li>
 *   <li><b>Time limit</b>: the clock is read after every batch. Once the limit is spent, the epoch in
 *       progress stops after its current batch, <em>is still evaluated</em>, and no further epoch
 *       starts. So the first epoch is always evaluated, even when the limit was spent before it
 *       began (it then trains a single batch): a run needs a result, and an evaluated model beats an
 *       error. A run may thus overrun its limit by one batch, one evaluation and the final scoring.</li>
 *   <li><b>Result</b>: {@code SUCCEEDED} with the best epoch's {@code val_loss} and the task's final
 *       scores; {@code DIVERGED} when a training loss stopped being a finite number
 *       ({@link DivergedException}) or no epoch gave a finite validation loss.</li>
 * </ul>
 */
public final class EpochLoop {
    private final Limits limits;
    private final EventSink sink;
    private final TrainingClock clock;
    private final StepCounter steps;
    private final Path runDir;

    /**
     * @param epochs the most epochs to train
     * @param patience epochs without a better validation loss before stopping; 0 never stops early
     */
    public record Limits(int epochs, int patience) {
        public static Limits of(RunSpec spec) {
            return new Limits(spec.epochs(), spec.patience());
        }
    }

    public EpochLoop(Limits limits, EventSink sink, TrainingClock clock, StepCounter steps, Path runDir) {
        this.limits = limits;
        this.sink = sink;
        this.clock = clock;
        this.steps = steps;
        this.runDir = runDir;
    }

    /** The loop of a real run: limits, events, clock and folder from the context. */
    public static EpochLoop of(TrainingContext ctx, StepCounter steps) {
        return new EpochLoop(Limits.of(ctx.spec()), ctx.sink(), ctx.clock(), steps, ctx.runDir());
    }

    /** Trains to the end and emits the result event; throws only for a failure (not for divergence). */
    public <B> void run(EpochTask<B> task) throws Exception {
        BestEvaluation best;
        try {
            best = train(task);
        } catch (DivergedException e) {
            sink.emit(TrainerEvent.Result.diverged(e.getMessage()));
            return;
        }
        if (best == null) {
            sink.emit(TrainerEvent.Result.diverged("No epoch gave a finite validation loss. Try gradient clipping "
                    + "(global-norm 1.0 is a safe start) or a smaller learning rate."));
            return;
        }
        FinalScores scores = task.finish(best);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", best.loss());
        metrics.putAll(scores.metrics());
        sink.emit(new TrainerEvent.Result(TrainerEvent.ResultStatus.SUCCEEDED, metrics, scores.baselines(),
                scores.message()));
    }

    private <B> BestEvaluation train(EpochTask<B> task) throws Exception {
        var best = new BestEpoch(limits.patience());
        Evaluation bestEvaluation = null;
        boolean timeUp = false;
        for (int epoch = 1; epoch <= limits.epochs() && !timeUp; epoch++) {
            steps.startEpoch(epoch);
            timeUp = fitEpoch(task, epoch);
            Evaluation evaluation = task.evaluate(epoch);
            report(epoch, evaluation);
            if (best.offer(epoch, evaluation.validationLoss())) {
                bestEvaluation = evaluation;
                checkpoint(task, epoch);
            }
            if (best.shouldStop(epoch)) {
                log("Early stop after epoch " + epoch + ": no better validation loss for " + limits.patience()
                        + " epochs; keeping epoch " + best.epoch());
                break;
            }
            if (!timeUp && epoch < limits.epochs() && clock.expired()) {
                log("Wall-time limit of " + clock.limitSeconds() + " s reached after epoch " + epoch);
                timeUp = true;
            }
        }
        return bestEvaluation == null ? null : new BestEvaluation(best.epoch(), bestEvaluation);
    }

    /** Fits one epoch's batches; true when the time limit cut it short. */
    private <B> boolean fitEpoch(EpochTask<B> task, int epoch) throws Exception {
        for (B batch : task.batches(epoch)) {
            task.fit(batch);
            if (clock.expired()) {
                log("Wall-time limit of " + clock.limitSeconds() + " s reached during epoch " + epoch
                        + ": evaluating it, then stopping");
                return true;
            }
        }
        return false;
    }

    private void report(int epoch, Evaluation evaluation) {
        long step = steps.step();
        sink.emit(new TrainerEvent.Metric("val_loss", step, epoch, evaluation.validationLoss()));
        evaluation.metrics().forEach((name, value) -> sink.emit(new TrainerEvent.Metric(name, step, epoch, value)));
        for (SamplePayload sample : evaluation.samples()) {
            sink.emit(new TrainerEvent.Sample(epoch, sample));
        }
    }

    private void checkpoint(EpochTask<?> task, int epoch) throws IOException {
        Path tmp = runDir.resolve(Checkpoints.MODEL_FILE + ".tmp");
        task.saveModel(tmp);
        Path target = runDir.resolve(Checkpoints.MODEL_FILE);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        sink.emit(new TrainerEvent.Checkpoint(target.toString(), epoch));
    }

    private void log(String message) {
        sink.emit(new TrainerEvent.Log(message));
    }
}
