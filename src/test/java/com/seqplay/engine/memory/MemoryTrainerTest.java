package com.seqplay.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.Events;
import com.seqplay.engine.Trainer;
import com.seqplay.events.sample.MemorySample;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.engine.inference.Predictor;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.memory.MemoryProbe;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One small LSTM run across 20 distractors, shared by the tests that read its events and its folder. */
@Tag("slow")
class MemoryTrainerTest {
    /** Measured with this seed: validation accuracy 0.68, 0.965, 0.985, 1.0 after epochs 1 to 4. */
    private static final int EPOCHS = 5;
    private static final String SPEC = """
            {"task":"memory","cell":"lstm","distractors":20,"alphabet":8,"symbols":3,"sequences":2000,
             "hiddenSize":64,"epochs":%d,"batchSize":16,"seed":3}""".formatted(EPOCHS);

    @TempDir
    static Path runDir;
    static RunSpec spec;
    static List<TrainerEvent> events = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        spec = SpecValidator.completeAndValidate(SpecJson.parse(SPEC));
        new Trainer(spec, runDir, events::add).run();
    }

    private static TrainerEvent.Result result() {
        return Events.result(events);
    }

    @Test
    void an_lstm_remembers_the_first_symbol_across_20_distractors_far_above_chance() {
        TrainerEvent.Result result = result();
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.baselines()).containsOnlyKeys("chance");
        assertThat(result.baselines().get("chance")).isEqualTo(0.125);
        assertThat(result.metrics()).containsKeys("accuracy", "val_loss", "val_accuracy");
        assertThat(result.metrics().get("accuracy")).isGreaterThan(0.9);
        assertThat(result.message()).startsWith("Test accuracy ").contains("(chance 0.125) across 20 distractors");
    }

    @Test
    void every_epoch_reports_validation_loss_and_accuracy_after_its_training_steps() {
        assertThat(Events.metric(events, "train_loss")).hasSize(EPOCHS * 100); // 1600 in batches of 16
        double[] loss = values("val_loss");
        double[] accuracy = values("accuracy");
        assertThat(loss).hasSize(EPOCHS);
        assertThat(accuracy).hasSize(EPOCHS);
        assertThat(loss[EPOCHS - 1]).isLessThan(loss[0]);
        assertThat(java.util.Arrays.stream(accuracy).boxed().toList()).allSatisfy(a -> assertThat(a).isBetween(0.0, 1.0));
        // validation has 200 sequences: accuracy comes in steps of 1/200
        assertThat(accuracy[EPOCHS - 1] * 200).isCloseTo(Math.rint(accuracy[EPOCHS - 1] * 200), within(1e-9));
    }

    @Test
    void each_epoch_shows_held_out_questions_with_the_models_answer_and_the_truth() throws Exception {
        List<MemorySample> samples = Events.payloads(events, MemorySample.class);
        assertThat(Events.samples(events, MemorySample.KIND)).hasSize(EPOCHS);
        assertThat(samples).hasSize(EPOCHS);
        MemorySample last = samples.get(EPOCHS - 1);
        assertThat(last.distractors()).isEqualTo(20);
        assertThat(last.questions()).hasSize(MemoryTrainer.SAMPLE_QUESTIONS);
        List<MemoryProbe.Sequence> validation = MemoryProbe.split(MemoryProbe.of(spec.memory()).generate(2000, 3)).validation();
        for (int i = 0; i < MemoryTrainer.SAMPLE_QUESTIONS; i++) {
            MemorySample.Question q = last.questions().get(i);
            String shown = q.symbols();
            assertThat(shown).isEqualTo(MemoryProbe.of(spec.memory()).shownSymbols(validation.get(i)));
            assertThat(q.truth()).isEqualTo(shown.split(" ")[0]);
            assertThat(q.answer()).matches("[A-H]");
            assertThat(q.probability()).isBetween(0.125, 1.0);
        }
    }

    @Test
    void the_reported_accuracy_is_the_saved_models_accuracy_on_the_test_sequences() throws Exception {
        assertThat(runDir.resolve(Checkpoints.MODEL_FILE)).exists();
        MemoryProbe probe = MemoryProbe.of(spec.memory());
        var test = MemoryProbe.split(probe.generate(2000, 3)).test();
        var saved = ModelSerializer.restoreMultiLayerNetwork(runDir.resolve(Checkpoints.MODEL_FILE).toFile(), false);
        double accuracy = MemoryScores.of(saved, MemoryArrays.dataSet(probe, test)).accuracy();
        assertThat(result().metrics().get("accuracy")).isEqualTo(accuracy);
    }

    @Test
    void the_saved_model_answers_symbols_typed_as_the_run_page_shows_them() throws Exception {
        var predictor = new Predictor();
        var answer = (MemoryAnswer) predictor.predict(spec, runDir, ask("C A F", null)).output();
        assertThat(answer.answer()).isEqualTo("C");
        assertThat(answer.probabilities()).containsOnlyKeys("A", "B", "C", "D", "E", "F", "G", "H");
        assertThat(answer.probabilities().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, within(1e-4));
        assertThat(answer.probabilities().get("C")).isGreaterThan(0.5);
        assertThat(answer.toString()).startsWith("C (p = 0.");
        var other = (MemoryAnswer) predictor.predict(spec, runDir, ask("H B B", 20)).output();
        assertThat(other.answer()).isEqualTo("H");
    }

    @Test
    void a_question_the_model_cannot_read_is_refused_with_a_message() {
        var predictor = new Predictor();
        assertThatThrownBy(() -> predictor.predict(spec, runDir, ask("C A", null)))
                .isInstanceOf(PredictionException.class).hasMessageContaining("give 3 symbols");
        assertThatThrownBy(() -> predictor.predict(spec, runDir, ask("C A Z", null)))
                .isInstanceOf(PredictionException.class).hasMessageContaining("'Z' is not a symbol");
        assertThatThrownBy(() -> predictor.predict(spec, runDir, ask("C A F", -1)))
                .isInstanceOf(PredictionException.class).hasMessageContaining("distractors must be between 0 and 1000");
        assertThatThrownBy(() -> predictor.predict(spec, runDir, ask(null, null)))
                .isInstanceOf(PredictionException.class).hasMessageContaining("give 3 symbols");
    }

    private static PredictRequest ask(String symbols, Integer distractors) {
        return new PredictRequest(symbols, null, null, null, null, distractors, null, null);
    }

    private static double[] values(String name) {
        return Events.values(events, name).stream().mapToDouble(Double::doubleValue).toArray();
    }
}
