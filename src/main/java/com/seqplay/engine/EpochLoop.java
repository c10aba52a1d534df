package com.seqplay.engine;

import com.seqplay.engine.EpochTask.BestEvaluation;
import com.seqplay.engine.EpochTask.Evaluation;
import com.seqplay.engine.EpochTask.FinalScores;
import com.seqplay.events.EventSink;
import com.seqplay.events.ResumeSummary;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.SamplePayload;
import com.seqplay.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

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
 *   <li><b>Resume point</b>: after every epoch (after the best-model checkpoint) the loop writes a
 *       {@link ResumePoint}: network with updater state, the epoch and step reached, the best-epoch
 *       bookkeeping, the time spent and the task's own state. A run started with {@code resume}
 *       restores it and goes on with the next epoch, its steps and epochs continuing where they
 *       stopped; one whose training was already over (last epoch, early stop, time limit) goes
 *       straight to the final scoring.</li>
 *   <li><b>Stop request</b>: checked after every batch; the loop then stops without a result or a
 *       new resume point. The epoch in progress is given up rather than saved half-way: a point
 *       inside an epoch would have to hold the epoch's batch order and position, and waiting for the
 *       epoch's end could take minutes while a server shuts down. At most one epoch is trained again.</li>
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
    private final boolean resume;
    private final StopRequest stop;
    private final long seed;
    /** Every finished epoch's reported metrics, kept in the resume point (see {@link ResumeSummary#evaluations}). */
    private final List<ResumeSummary.Evaluated> evaluations = new ArrayList<>();

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
        this(limits, sink, clock, steps, runDir, false, StopRequest.never(), 0);
    }

    /**
     * @param resume continue from the resume point in {@code runDir}
     * @param seed the run's seed: a resumed run reseeds ND4J's generator (dropout) from it and the epoch
     */
    public EpochLoop(Limits limits, EventSink sink, TrainingClock clock, StepCounter steps, Path runDir,
            boolean resume, StopRequest stop, long seed) {
        this.limits = limits;
        this.sink = sink;
        this.clock = clock;
        this.steps = steps;
        this.runDir = runDir;
        this.resume = resume;
        this.stop = stop;
        this.seed = seed;
    }

    /** The loop of a real run: limits, events, clock, folder and resume from the context. */
    public static EpochLoop of(TrainingContext ctx, StepCounter steps) {
        return new EpochLoop(Limits.of(ctx.spec()), ctx.sink(), ctx.clock(), steps, ctx.runDir(), ctx.resume(),
                ctx.stop(), ctx.spec().seed());
    }

    /** Thrown after a batch when a stop was requested; caught in {@link #run}. */
    private static final class Stopped extends Exception {
        Stopped(String message) {
            super(message, null, false, false);
        }
    }

    /** Trains to the end and emits the result event; throws only for a failure (not for divergence). */
    public <B> void run(EpochTask<B> task) throws Exception {
        BestEvaluation best;
        try {
            best = train(task);
        } catch (DivergedException e) {
            sink.emit(TrainerEvent.Result.diverged(e.getMessage()));
            return;
        } catch (Stopped e) {
            log(e.getMessage());
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
        boolean done = false;
        int first = 1;
        if (resume) {
            ResumePoint.Progress p = restore(task, best);
            if (p.bestLoss() != null) {
                bestEvaluation = new Evaluation(p.bestLoss(), p.bestMetrics(), List.of());
            }
            first = p.epochsDone() + 1;
            done = p.trainingDone();
        }
        if (first == 1 && !done) {
            Evaluation untrained = task.evaluateUntrained();
            if (untrained != null && best.offer(0, untrained.validationLoss())) {
                bestEvaluation = untrained;
                checkpoint(task, 0);
                log(String.format(Locale.ROOT, "Before training: validation loss %.6g; kept unless an epoch does better",
                        untrained.validationLoss()));
            }
        }
        for (int epoch = first; epoch <= limits.epochs() && !done; epoch++) {
            steps.startEpoch(epoch);
            boolean timeUp = fitEpoch(task, epoch);
            Evaluation evaluation = task.evaluate(epoch);
            report(epoch, evaluation);
            if (best.offer(epoch, evaluation.validationLoss())) {
                bestEvaluation = evaluation;
                checkpoint(task, epoch);
            }
            if (best.shouldStop(epoch)) {
                log("Early stop after epoch " + epoch + ": no better validation loss for " + limits.patience()
                        + " epochs; keeping epoch " + best.epoch());
                done = true;
            } else if (!timeUp && epoch < limits.epochs() && clock.expired()) {
                log("Wall-time limit of " + clock.limitSeconds() + " s reached after epoch " + epoch);
                done = true;
            }
            done |= timeUp || epoch == limits.epochs();
            writeResumePoint(task, epoch, evaluation, best, bestEvaluation, done);
            if (!done && stop.requested()) {
                throw new Stopped("Stopped on request after epoch " + epoch + "; its resume point is written");
            }
        }
        return bestEvaluation == null ? null : new BestEvaluation(best.epoch(), bestEvaluation);
    }

    /** Puts the run back where its resume point left it: network, task, best epoch, steps and time spent. */
    private ResumePoint.Progress restore(EpochTask<?> task, BestEpoch best) throws IOException {
        ResumePoint.Loaded point = ResumePoint.read(runDir);
        ResumePoint.Progress p = point.progress();
        point.restoreInto(task.network());
        task.restoreState(point.taskState());
        if (p.bestLoss() != null) {
            best.restore(p.bestEpoch(), p.bestLoss());
        }
        steps.continueFrom(p.step());
        evaluations.addAll(p.evaluations());
        clock.alreadySpent(p.spentNanos());
        // ND4J's stream (dropout masks) cannot be continued exactly; a seed per resumed epoch keeps runs repeatable.
        Nd4j.getRandom().setSeed(seed + p.epochsDone());
        log("Resuming after epoch " + p.epochsDone() + " (step " + p.step() + ")"
                + (p.trainingDone() ? ": training was over, scoring the best epoch" : ""));
        return p;
    }

    private void writeResumePoint(EpochTask<?> task, int epoch, Evaluation evaluation, BestEpoch best,
            Evaluation bestEvaluation, boolean done) throws IOException {
        if (task.network() == null) {
            return;
        }
        Map<String, Double> reported = new LinkedHashMap<>();
        reported.put("val_loss", evaluation.validationLoss());
        reported.putAll(evaluation.metrics());
        evaluations.add(new ResumeSummary.Evaluated(epoch, steps.step(), reported));
        var progress = new ResumePoint.Progress(epoch, steps.step(), done, evaluations, best.epoch(),
                best.found() ? best.loss() : null, bestEvaluation == null ? Map.of() : bestEvaluation.metrics(),
                clock.spentNanos(), 0, 0);
        var state = new TaskState();
        task.saveState(state);
        ResumePoint.write(runDir, progress, task.network(), state);
    }

    /** Fits one epoch's batches; true when the time limit cut it short. */
    private <B> boolean fitEpoch(EpochTask<B> task, int epoch) throws Exception {
        for (B batch : task.batches(epoch)) {
            task.fit(batch);
            if (stop.requested()) {
                throw new Stopped("Stopped on request during epoch " + epoch + (epoch > 1 ? "; a resumed run continues"
                        + " after epoch " + (epoch - 1) : "; no epoch ended, so there is nothing to resume"));
            }
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
