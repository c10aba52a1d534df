package com.seqplay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.EpochLoop.Limits;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.TrainerEvent.ResultStatus;
import com.seqplay.events.sample.SamplePayload;
import com.seqplay.events.sample.TextSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loop's rules with a scripted task and a clock moved by hand: no network involved. */
class EpochLoopTest {
    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path runDir;

    private final List<TrainerEvent> events = new ArrayList<>();
    private long now;
    private final Steps steps = new Steps();

    /** Each fitted batch costs {@code secondsPerBatch}; validation losses come from a script, one per epoch. */
    private final class ScriptedTask implements EpochTask<Integer> {
        final int batchesPerEpoch;
        final long secondsPerBatch;
        final double[] losses;
        final List<String> fitted = new ArrayList<>();
        long secondsPerEvaluation;
        Integer divergeAtBatch;
        /** The untrained network's validation loss (epoch 0), or null when the task offers none. */
        Double untrainedLoss;
        int epochNow;
        BestEvaluation finishedWith;

        ScriptedTask(int batchesPerEpoch, long secondsPerBatch, double... losses) {
            this.batchesPerEpoch = batchesPerEpoch;
            this.secondsPerBatch = secondsPerBatch;
            this.losses = losses;
        }

        @Override
        public Iterable<Integer> batches(int epoch) {
            epochNow = epoch;
            return IntStream.rangeClosed(1, batchesPerEpoch).boxed().toList();
        }

        @Override
        public void fit(Integer batch) {
            steps.step++;
            if (divergeAtBatch != null && steps.step == divergeAtBatch) {
                throw new DivergedException(steps.step, Double.NaN);
            }
            fitted.add(epochNow + "." + batch);
            now += secondsPerBatch * SECOND;
        }

        @Override
        public Evaluation evaluate(int epoch) {
            now += secondsPerEvaluation * SECOND;
            double loss = losses[epoch - 1];
            List<SamplePayload> samples = List.of(new TextSample("p", "epoch " + epoch));
            return new Evaluation(loss, Map.of("accuracy", 1 / loss), samples);
        }

        @Override
        public Evaluation evaluateUntrained() {
            return untrainedLoss == null ? null : new Evaluation(untrainedLoss, Map.of("accuracy", 1 / untrainedLoss), List.of());
        }

        @Override
        public void saveModel(Path file) throws java.io.IOException {
            Files.writeString(file, "model after epoch " + epochNow);
        }

        /** No network: the loop's rules are tested without resume points (ResumeRoundTripTest has those). */
        @Override
        public org.deeplearning4j.nn.api.Model network() {
            return null;
        }

        @Override
        public FinalScores finish(BestEvaluation best) {
            finishedWith = best;
            return new FinalScores(Map.of("test_accuracy", 0.9), Map.of("chance", 0.5), "best epoch " + best.epoch());
        }
    }

    private static final class Steps implements StepCounter {
        long step;
        int epoch;

        @Override
        public void startEpoch(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public long step() {
            return step;
        }

        @Override
        public void continueFrom(long step) {
            this.step = step;
        }
    }

    private void run(ScriptedTask task, int epochs, int patience, int maxWallSeconds) throws Exception {
        var clock = new TrainingClock(maxWallSeconds, () -> now);
        new EpochLoop(new Limits(epochs, patience), events::add, clock, steps, runDir).run(task);
    }

    private List<Integer> evaluatedEpochs() {
        return Events.metric(events, "val_loss").stream().map(TrainerEvent.Metric::epoch).toList();
    }

    private String checkpoint() throws Exception {
        return Files.readString(runDir.resolve(Checkpoints.MODEL_FILE));
    }

    @Test
    void an_untrained_network_no_epoch_beats_is_kept_as_epoch_zero_and_patience_counts_from_it() throws Exception {
        var task = new ScriptedTask(2, 1, 3.0, 2.0, 1.5, 1.2, 1.1);
        task.untrainedLoss = 1.0;
        run(task, 5, 2, 3600);
        assertThat(checkpoint()).isEqualTo("model after epoch 0");
        assertThat(Events.of(events, TrainerEvent.Checkpoint.class)).extracting(TrainerEvent.Checkpoint::epoch)
                .containsExactly(0);
        assertThat(task.finishedWith.epoch()).isZero();
        assertThat(Events.result(events).metrics()).containsEntry("val_loss", 1.0);
        assertThat(evaluatedEpochs()).as("early stop two epochs after epoch 0").containsExactly(1, 2);
        assertThat(Events.logs(events)).anyMatch(l -> l.startsWith("Before training: validation loss 1.00000"));
    }

    @Test
    void an_untrained_network_an_epoch_beats_gives_way_to_it() throws Exception {
        var task = new ScriptedTask(2, 1, 3.0, 0.5);
        task.untrainedLoss = 1.0;
        run(task, 2, 0, 3600);
        assertThat(Events.of(events, TrainerEvent.Checkpoint.class)).extracting(TrainerEvent.Checkpoint::epoch)
                .containsExactly(0, 2);
        assertThat(task.finishedWith.epoch()).isEqualTo(2);
        assertThat(checkpoint()).isEqualTo("model after epoch 2");
    }

    @Test
    void a_limit_spent_before_training_still_trains_one_batch_and_evaluates_the_first_epoch() throws Exception {
        var task = new ScriptedTask(5, 1, 2.0, 1.0, 0.5);
        now = 10 * SECOND; // the clock starts now; the first batch alone takes longer than the limit of 0 s
        run(task, 3, 0, 0);

        assertThat(task.fitted).containsExactly("1.1");
        assertThat(evaluatedEpochs()).containsExactly(1);
        assertThat(Events.logs(events)).anyMatch(l -> l.contains("Wall-time limit of 0 s reached during epoch 1"));
        assertThat(checkpoint()).isEqualTo("model after epoch 1");
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(ResultStatus.SUCCEEDED);
        assertThat(result.metrics()).containsEntry("val_loss", 2.0).containsEntry("test_accuracy", 0.9);
        assertThat(result.baselines()).containsEntry("chance", 0.5);
    }

    @Test
    void a_limit_reached_inside_an_epoch_cuts_it_after_the_batch_evaluates_it_and_starts_no_other() throws Exception {
        var task = new ScriptedTask(4, 10, 3.0, 2.0, 1.0);
        run(task, 3, 0, 55); // 4 batches of 10 s in epoch 1, then the limit passes at the 2nd batch of epoch 2
        assertThat(task.fitted).containsExactly("1.1", "1.2", "1.3", "1.4", "2.1", "2.2");
        assertThat(evaluatedEpochs()).containsExactly(1, 2);
        assertThat(checkpoint()).isEqualTo("model after epoch 2");
        assertThat(task.finishedWith.epoch()).isEqualTo(2);
        assertThat(Events.result(events).metrics()).containsEntry("val_loss", 2.0);
    }

    @Test
    void a_limit_passed_during_an_evaluation_starts_no_further_epoch() throws Exception {
        var task = new ScriptedTask(2, 1, 3.0, 2.0, 1.0);
        task.secondsPerEvaluation = 100;
        run(task, 3, 0, 50);
        assertThat(evaluatedEpochs()).containsExactly(1);
        assertThat(Events.logs(events)).contains("Wall-time limit of 50 s reached after epoch 1");
    }

    @Test
    void without_a_limit_every_epoch_trains_fully_and_reports_its_loss_metrics_and_samples_in_order() throws Exception {
        var task = new ScriptedTask(3, 1, 3.0, 2.0, 1.0);
        run(task, 3, 0, 3600);
        assertThat(task.fitted).hasSize(9);
        assertThat(evaluatedEpochs()).containsExactly(1, 2, 3);
        assertThat(Events.logs(events)).noneMatch(l -> l.contains("Wall-time"));
        // each epoch: val_loss at the step reached, then the task's metrics, then its samples
        List<TrainerEvent> second = events.stream().filter(e -> e instanceof TrainerEvent.Metric m ? m.epoch() == 2
                : e instanceof TrainerEvent.Sample s && s.epoch() == 2).toList();
        assertThat(second).containsExactly(new TrainerEvent.Metric("val_loss", 6, 2, 2.0),
                new TrainerEvent.Metric("accuracy", 6, 2, 0.5),
                new TrainerEvent.Sample(2, new TextSample("p", "epoch 2")));
        assertThat(Events.result(events).message()).isEqualTo("best epoch 3");
    }

    @Test
    void only_a_better_epoch_is_checkpointed_and_the_best_one_is_scored() throws Exception {
        var task = new ScriptedTask(1, 1, 3.0, 1.0, 2.0, 1.5);
        run(task, 4, 0, 3600);
        assertThat(Events.of(events, TrainerEvent.Checkpoint.class)).extracting(TrainerEvent.Checkpoint::epoch)
                .containsExactly(1, 2);
        assertThat(Events.of(events, TrainerEvent.Checkpoint.class)).allMatch(c ->
                c.path().equals(runDir.resolve(Checkpoints.MODEL_FILE).toString()));
        assertThat(checkpoint()).isEqualTo("model after epoch 2");
        assertThat(runDir.resolve(Checkpoints.MODEL_FILE + ".tmp")).doesNotExist();
        assertThat(task.finishedWith.epoch()).isEqualTo(2);
        assertThat(task.finishedWith.evaluation().metrics()).containsEntry("accuracy", 1.0);
        assertThat(Events.result(events).metrics()).containsEntry("val_loss", 1.0);
    }

    @Test
    void patience_stops_after_that_many_epochs_without_a_better_loss() throws Exception {
        var task = new ScriptedTask(1, 1, 3.0, 2.0, 2.5, 2.1, 0.1, 0.1);
        run(task, 6, 2, 3600);
        assertThat(evaluatedEpochs()).containsExactly(1, 2, 3, 4);
        assertThat(Events.logs(events)).contains(
                "Early stop after epoch 4: no better validation loss for 2 epochs; keeping epoch 2");
        assertThat(checkpoint()).isEqualTo("model after epoch 2");
        assertThat(Events.result(events).metrics()).containsEntry("val_loss", 2.0);
    }

    @Test
    void a_patience_of_zero_never_stops_early() throws Exception {
        var task = new ScriptedTask(1, 1, 1.0, 2.0, 3.0, 4.0, 5.0);
        run(task, 5, 0, 3600);
        assertThat(evaluatedEpochs()).containsExactly(1, 2, 3, 4, 5);
        assertThat(task.finishedWith.epoch()).isEqualTo(1);
    }

    @Test
    void a_loss_that_stops_being_finite_ends_the_run_diverged_without_final_scoring() throws Exception {
        var task = new ScriptedTask(3, 1, 2.0, 1.0);
        task.divergeAtBatch = 5;
        run(task, 2, 0, 3600);
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(ResultStatus.DIVERGED);
        assertThat(result.message()).contains("iteration 5");
        assertThat(task.finishedWith).isNull();
        assertThat(evaluatedEpochs()).containsExactly(1);
    }

    @Test
    void no_finite_validation_loss_is_a_divergence_and_leaves_no_checkpoint() throws Exception {
        var task = new ScriptedTask(1, 1, Double.NaN, Double.POSITIVE_INFINITY);
        run(task, 2, 1, 3600);
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(ResultStatus.DIVERGED);
        assertThat(result.message()).contains("No epoch gave a finite validation loss");
        assertThat(runDir.resolve(Checkpoints.MODEL_FILE)).doesNotExist();
        assertThat(task.finishedWith).isNull();
    }
}
