package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.dataset.SentencePair;
import com.seqplay.dataset.builtin.NumberWords;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.TrainingClock;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.Events;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.TranslationSample;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Decoding, masks and attention of one small model, trained once on number words (characters), with
 * a bidirectional encoder: its backward half must not read the padding either.
 */
@SlowTest
class TranslationModelTest {
    @TempDir
    static Path runDir;

    static final List<TrainerEvent> events = new ArrayList<>();
    static TranslationModel model;
    static List<int[]> heldOut;

    @BeforeAll
    static void train() throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"translation","dataset":"builtin:numbers","builtinSize":800,"hiddenSize":32,"epochs":3,
                 "batchSize":32,"learningRate":0.01,"seed":3,"bidirectional":true}"""));
        new TranslationTrainer().train(new TrainingContext(spec, runDir, events::add, new TrainingClock(600), List.of(),
                Optional.empty()));
        model = ModelFiles.load(runDir);
        heldOut = NumberWords.generate(40, 99).stream().map(SentencePair::source).map(model::encodeSource).toList();
    }

    @Test
    void a_run_reports_metrics_and_samples_every_epoch_and_keeps_model_and_vocabularies() throws Exception {
        for (String metric : List.of("val_loss", "bleu", "exact_match")) {
            assertThat(Events.metric(events, metric))
                    .hasSize(3).allMatch(e -> Double.isFinite(e.value()));
        }
        assertThat(Events.payloads(events, TranslationSample.class)).hasSize(3)
                .allMatch(e -> e.pairs().size() == TranslationTrainer.SAMPLES_PER_EPOCH
                        && e.pairs().stream().allMatch(p -> !p.source().isEmpty() && !p.reference().isEmpty()));
        TrainerEvent.Sample attention = Events.samples(events, "attention").stream().reduce((a, b) -> b)
                .orElseThrow();
        JsonNode json = new ObjectMapper().readTree(attention.content());
        assertThat(json.get("weights")).hasSize(json.get("output").size());
        json.get("weights").forEach(row -> assertThat(row).hasSize(json.get("source").size()));

        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.metrics()).containsKeys("val_loss", "bleu", "exact_match");
        assertThat(result.baselines()).containsOnlyKeys("copy_bleu", "copy_exact_match");
        assertThat(result.baselines().get("copy_exact_match")).isZero();
        assertThat(Files.exists(runDir.resolve(Checkpoints.MODEL_FILE))).isTrue();
        assertThat(Files.exists(runDir.resolve(ModelFiles.FILE))).isTrue();
        List<Double> valLoss = Events.values(events, "val_loss");
        assertThat(valLoss.get(2)).isLessThan(valLoss.get(0));
    }

    @Test
    void the_decoder_half_gives_the_same_probabilities_as_the_whole_network() {
        model.decode(heldOut.subList(0, 1), 1); // builds the decoder half
        int[][] sources = {heldOut.get(0), heldOut.get(1), heldOut.get(2)};
        int[][] prefixes = {{Vocabulary.BOS_ID, 5, 6}, {Vocabulary.BOS_ID, 7, 7}, {Vocabulary.BOS_ID, 4, 9}};
        INDArray whole = model.probabilities(sources, prefixes);
        INDArray half = model.decoderProbabilities(model.encode(sources), prefixes);
        assertThat(half.shape()).isEqualTo(whole.shape());
        assertThat(half.sub(whole).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void stepping_the_decoder_gives_the_probabilities_of_re_running_it_on_each_whole_prefix() {
        // sources of different lengths share the batch, so the source mask matters at every step
        int[][] sources = {model.encodeSource("five"), model.encodeSource("seven thousand three hundred and two"),
            model.encodeSource("forty one")};
        int[][] prefixes = {{Vocabulary.BOS_ID, 5, 6, 8}, {Vocabulary.BOS_ID, 7, 7, 3}, {Vocabulary.BOS_ID, 4, 9, 9}};
        TranslationModel.Encoded encoded = model.encode(sources);
        INDArray whole = model.decoderProbabilities(encoded, prefixes);
        try (DecoderStepper stepper = model.stepper(encoded)) {
            // the decoder half's attention projects the encoder outputs once, not at every step
            ProjectedAttention attention = stepper.projectedAttention().orElseThrow();
            long before = attention.pinnedUses();
            for (int t = 0; t < 4; t++) {
                int[] tokens = {prefixes[0][t], prefixes[1][t], prefixes[2][t]};
                float[][] p = stepper.next(tokens);
                for (int row = 0; row < 3; row++) {
                    for (int v = 0; v < p[row].length; v++) {
                        assertThat((double) p[row][v]).as("row %d, step %d, token %d", row, t, v)
                                .isCloseTo(whole.getDouble(row, v, t), within(1e-5));
                    }
                }
            }
            assertThat(attention.pinnedUses() - before).isEqualTo(4);
        }
    }

    @Test
    void a_stepped_row_that_takes_another_rows_state_continues_that_rows_prefix() {
        int[] source = model.encodeSource("nine hundred and twelve");
        int[][] sources = {source, source};
        TranslationModel.Encoded encoded = model.encode(sources);
        INDArray reference = model.decoderProbabilities(encoded,
                new int[][] {{Vocabulary.BOS_ID, 5, 8}, {Vocabulary.BOS_ID, 5, 8}});
        try (DecoderStepper stepper = model.stepper(encoded)) {
            stepper.next(new int[] {Vocabulary.BOS_ID, Vocabulary.BOS_ID});
            stepper.next(new int[] {5, 7}); // row 1 takes another path ...
            stepper.reorder(new int[] {0, 0}); // ... and is replaced by a copy of row 0
            float[][] p = stepper.next(new int[] {8, 8});
            for (int v = 0; v < p[1].length; v++) {
                assertThat((double) p[1][v]).isCloseTo(reference.getDouble(1, v, 2), within(1e-5));
            }
        }
    }

    @Test
    void padding_a_source_does_not_change_its_translation() {
        int[] shortSource = model.encodeSource("five");
        int[] longSource = model.encodeSource("seven thousand three hundred and seventy seven");
        for (int beam : new int[] {1, 3}) {
            Hypothesis alone = model.decode(List.of(shortSource), beam).get(0);
            Hypothesis padded = model.decode(List.of(shortSource, longSource), beam).get(0);
            assertThat(padded.tokens()).isEqualTo(alone.tokens());
            assertThat(padded.logProbability()).isCloseTo(alone.logProbability(), within(1e-4));
        }
        int[][] prefix = {{Vocabulary.BOS_ID, 6}};
        INDArray alone = model.probabilities(new int[][] {shortSource}, prefix);
        INDArray padded = model.probabilities(new int[][] {shortSource, longSource}, new int[][] {prefix[0], prefix[0]})
                .get(NDArrayIndex.interval(0, 1), NDArrayIndex.all(), NDArrayIndex.all());
        assertThat(padded.sub(alone).amaxNumber().doubleValue()).isLessThan(1e-5);
    }

    @Test
    void beam_search_with_width_3_finds_outputs_at_least_as_probable_as_greedy() {
        List<Hypothesis> greedy = model.decode(heldOut, 1);
        List<Hypothesis> beam = model.decode(heldOut, 3);
        int better = 0;
        for (int i = 0; i < heldOut.size(); i++) {
            Hypothesis g = greedy.get(i);
            Hypothesis b = beam.get(i);
            double gScore = model.logProbability(heldOut.get(i), g.tokens(), g.finished());
            double bScore = model.logProbability(heldOut.get(i), b.tokens(), b.finished());
            // the decoder's own running score is the sequence's probability under teacher forcing
            assertThat(g.logProbability()).isCloseTo(gScore, within(1e-3));
            assertThat(b.logProbability()).isCloseTo(bScore, within(1e-3));
            assertThat(bScore).isGreaterThanOrEqualTo(gScore - 1e-4);
            better += bScore > gScore + 1e-4 ? 1 : 0;
        }
        System.out.println("beam 3 beat greedy on " + better + " of " + heldOut.size() + " held-out sources");
    }

    @Test
    void attention_rows_sum_to_one_and_rebuild_the_attention_vertex_output() {
        for (int[] source : heldOut.subList(0, 5)) {
            int[] output = model.decode(List.of(source), 1).get(0).tokens();
            var details = model.attentionCheck(source, output);
            assertThat(details.weights()).hasNumberOfRows(output.length);
            for (double[] row : details.weights()) {
                assertThat(row).hasSize(source.length);
                assertThat(java.util.Arrays.stream(row).sum()).isCloseTo(1.0, within(1e-9));
                assertThat(java.util.Arrays.stream(row).min().orElseThrow()).isGreaterThanOrEqualTo(0);
            }
            double scale = 0;
            double diff = 0;
            for (int f = 0; f < details.vertexOutput().length; f++) {
                for (int t = 0; t < output.length; t++) {
                    scale = Math.max(scale, Math.abs(details.vertexOutput()[f][t]));
                    diff = Math.max(diff, Math.abs(details.vertexOutput()[f][t] - details.rebuiltOutput()[f][t]));
                }
            }
            assertThat(scale).isGreaterThan(0);
            assertThat(diff).isLessThan(1e-4 * Math.max(1, scale));
        }
    }

    @Test
    void the_translator_loads_a_run_folder_and_returns_tokens_and_attention() throws Exception {
        Translator translator = Translator.load(runDir);
        assertThat(translator.hasAttention()).isTrue();
        assertThat(translator.tokens()).isEqualTo("char");
        Translation t = translator.translate("three hundred and twelve", 2);
        assertThat(t.text()).isEqualTo(String.join("", t.tokens()));
        assertThat(t.sourceTokens()).hasSize("three hundred and twelve".length());
        assertThat(t.attention()).hasNumberOfRows(t.tokens().size());
        assertThat(t.logProbability()).isNegative();
        assertThat(translator.translate("", 1).text()).isEmpty();
        assertThatThrownBy(() -> translator.translate("one", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Translator.load(runDir.resolve("missing"))).hasMessageContaining("no trained");
    }
}
