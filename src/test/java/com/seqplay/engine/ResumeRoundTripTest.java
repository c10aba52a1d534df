package com.seqplay.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.events.ResumeSummary;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * For every task: a run stopped after its second epoch and resumed from its resume point continues
 * as the uninterrupted run did: the same epochs and steps follow (no gap, no repeat), with the same
 * validation losses, and the same result.
 */
@SlowTest
class ResumeRoundTripTest {
    private static final int EPOCHS = 3;
    private static final int STOP_AFTER = 2;

    @TempDir
    Path dir;

    static String spec(String task) {
        return switch (task) {
            case "textgen" -> """
                    {"task":"textgen","epochs":3,"builtinSize":3000,"hiddenSize":16,"layers":1,"sequenceLength":30,
                     "batchSize":16,"sampleLength":10,"seed":5}""";
            case "translation" -> """
                    {"task":"translation","cell":"gru","dataset":"builtin:numbers","builtinSize":160,"hiddenSize":16,
                     "epochs":3,"batchSize":16,"learningRate":0.01,"attention":true,"seed":5}""";
            case "forecasting" -> """
                    {"task":"forecasting","cell":"lstm","dataset":"builtin:seasonal","builtinSize":400,"hiddenSize":16,
                     "epochs":3,"batchSize":32,"seed":5}""";
            case "memory" -> """
                    {"task":"memory","cell":"lstm","distractors":5,"alphabet":4,"symbols":2,"sequences":300,
                     "hiddenSize":16,"epochs":3,"batchSize":16,"seed":5}""";
            default -> throw new IllegalArgumentException(task);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"textgen", "translation", "forecasting", "memory"})
    void a_stopped_run_resumes_with_its_series_continuing_as_if_it_had_not_stopped(String task) throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(spec(task)));
        assertThat(spec.epochs()).isEqualTo(EPOCHS);

        List<TrainerEvent> whole = new ArrayList<>();
        new Trainer(spec, dir.resolve("whole"), whole::add).run();

        Path runDir = dir.resolve("resumed");
        List<TrainerEvent> before = new ArrayList<>();
        var stop = new StopRequest();
        // asked while epoch 2 is being evaluated: the loop writes its resume point, then stops
        new Trainer(spec, runDir, event -> {
            before.add(event);
            if (event instanceof TrainerEvent.Metric m && m.name().equals("val_loss") && m.epoch() == STOP_AFTER) {
                stop.request();
            }
        }, Optional.empty(), false, stop).run();
        assertThat(before).noneMatch(e -> e instanceof TrainerEvent.Result);
        assertThat(ResumeSummary.read(runDir)).get().satisfies(s -> {
            assertThat(s.epochsDone()).isEqualTo(STOP_AFTER);
            assertThat(s.trainingDone()).isFalse();
            assertThat(s.evaluations()).extracting(ResumeSummary.Evaluated::epoch).containsExactly(1, 2);
            assertThat(s.evaluations().get(1).metrics()).containsKey("val_loss");
        });

        List<TrainerEvent> after = new ArrayList<>();
        new Trainer(spec, runDir, after::add, Optional.empty(), true, StopRequest.never()).run();

        List<TrainerEvent.Metric> joined = new ArrayList<>(Events.metric(before, "val_loss"));
        joined.addAll(Events.metric(after, "val_loss"));
        List<TrainerEvent.Metric> expected = Events.metric(whole, "val_loss");
        assertThat(joined).extracting(TrainerEvent.Metric::epoch).containsExactly(1, 2, 3);
        assertThat(joined).extracting(TrainerEvent.Metric::step)
                .containsExactlyElementsOf(expected.stream().map(TrainerEvent.Metric::step).toList());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(joined.get(i).value()).as("val_loss of epoch %d", i + 1)
                    .isCloseTo(expected.get(i).value(), Offset.offset(1e-4 * Math.max(1, Math.abs(expected.get(i).value()))));
        }
        List<Long> trainSteps = new ArrayList<>(Events.metric(before, "train_loss").stream()
                .map(TrainerEvent.Metric::step).toList());
        trainSteps.addAll(Events.metric(after, "train_loss").stream().map(TrainerEvent.Metric::step).toList());
        assertThat(trainSteps).as("train_loss steps of the stopped and resumed parts")
                .containsExactlyElementsOf(Events.metric(whole, "train_loss").stream().map(TrainerEvent.Metric::step).toList());
        assertThat(Events.metric(after, "train_loss")).allMatch(m -> m.epoch() == 3);

        TrainerEvent.Result resumed = Events.result(after);
        TrainerEvent.Result reference = Events.result(whole);
        assertThat(resumed.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(resumed.metrics().keySet()).isEqualTo(reference.metrics().keySet());
        reference.metrics().forEach((name, value) -> assertThat(resumed.metrics().get(name)).as(name)
                .isCloseTo(value, Offset.offset(1e-3 * Math.max(1, Math.abs(value)))));
        assertThat(Files.exists(runDir.resolve(Checkpoints.MODEL_FILE))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory"})
    void a_run_resumed_after_its_last_epoch_only_scores_and_a_folder_without_a_point_is_refused(String task)
            throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(spec(task)));
        List<TrainerEvent> whole = new ArrayList<>();
        new Trainer(spec, dir, whole::add).run();
        assertThat(ResumeSummary.read(dir)).get().satisfies(s -> assertThat(s.trainingDone()).isTrue());

        List<TrainerEvent> again = new ArrayList<>();
        new Trainer(spec, dir, again::add, Optional.empty(), true, StopRequest.never()).run();
        assertThat(Events.metric(again, "train_loss")).isEmpty();
        assertThat(Events.result(again).metrics()).isEqualTo(Events.result(whole).metrics());

        assertThatThrownBy(() -> new Trainer(spec, dir.resolve("empty"), e -> { }, Optional.empty(), true,
                StopRequest.never()).run()).hasMessageContaining("no resume point");
    }
}
