package com.seqplay.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.engine.Trainer;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.LayerStates;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.engine.translation.Translator;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The inside of encoder-decoders trained for one to three epochs: layers on the source and while decoding, and the attention. */
class TranslationStatesTest {
    private static final String SENTENCE = "three hundred and twelve";
    @TempDir
    static Path runs;
    private static RunSpec attentionSpec;
    private static RunSpec bidirectionalSpec;
    private static Path attentionDir;
    private static Path bidirectionalDir;

    @BeforeAll
    static void train() throws Exception {
        attentionSpec = spec("\"cell\":\"lstm\",\"attention\":true,\"bidirectional\":false,\"epochs\":3,\"builtinSize\":600");
        attentionDir = Files.createDirectory(runs.resolve("attention"));
        new Trainer(attentionSpec, attentionDir, e -> { }).run();
        bidirectionalSpec = spec("\"epochs\":1,\"builtinSize\":300,\"cell\":\"gru\",\"attention\":true,\"bidirectional\":true,\"layers\":2");
        bidirectionalDir = Files.createDirectory(runs.resolve("bidirectional"));
        new Trainer(bidirectionalSpec, bidirectionalDir, e -> { }).run();
    }

    private static RunSpec spec(String options) {
        return SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"translation","dataset":"builtin:numbers","hiddenSize":16,"learningRate":0.01,
                 "batchSize":32,"seed":5,%s}""".formatted(options)));
    }

    @Test
    void encoder_and_decoder_layers_are_the_networks_own_and_each_attention_row_sums_to_one() throws Exception {
        Inspection inspection = new Inspector().inspect(attentionSpec, attentionDir, SENTENCE);

        assertThat(inspection.sourceTokens()).isNotEmpty();
        assertThat(inspection.outputTokens()).as("the model writes something to attend with").isNotEmpty();
        assertThat(inspection.layers()).extracting(LayerStates::layer).containsExactly("encoder 1", "decoder 1");
        LayerStates encoder = inspection.layers().get(0);
        LayerStates decoder = inspection.layers().get(1);
        assertThat(encoder.steps()).isEqualTo(inspection.sourceTokens());
        assertThat(decoder.steps().subList(0, inspection.outputTokens().size())).isEqualTo(inspection.outputTokens());
        assertThat(decoder.states()).containsKeys(LayerStates.FORGET, LayerStates.CELL);

        Translator.Trace trace = Translator.load(attentionDir).trace(SENTENCE);
        assertSameHidden(encoder, trace.activations(), "encoder1");
        assertSameHidden(decoder, trace.activations(), "decoder1");

        double[][] attention = inspection.attention();
        assertThat(attention).hasNumberOfRows(inspection.outputTokens().size());
        for (double[] row : attention) {
            assertThat(row).hasSize(inspection.sourceTokens().size());
            assertThat(java.util.Arrays.stream(row).sum()).isCloseTo(1.0, within(1e-6));
            assertThat(java.util.Arrays.stream(row).allMatch(w -> w >= 0 && w <= 1)).isTrue();
        }
    }

    @Test
    void a_bidirectional_encoder_shows_its_backward_half_reading_right_to_left() throws Exception {
        Inspection inspection = new Inspector().inspect(bidirectionalSpec, bidirectionalDir, SENTENCE);

        assertThat(inspection.attention()).isNotNull();
        assertThat(inspection.layers()).extracting(LayerStates::layer).contains("encoder 1 (forward)",
                "encoder 1 (backward: reads right to left)", "encoder 2 (forward)", "decoder 1", "decoder 2");
        LayerStates backward = inspection.layers().stream()
                .filter(l -> l.layer().equals("encoder 1 (backward: reads right to left)")).findFirst().orElseThrow();
        List<String> reversed = new ArrayList<>(inspection.sourceTokens());
        Collections.reverse(reversed);
        assertThat(backward.steps()).isEqualTo(reversed);
        assertThat(backward.cell()).isEqualTo("GRU");
        assertSameHidden(backward, Translator.load(bidirectionalDir).trace(SENTENCE).activations(), "encoderBackward1");
    }

    @Test
    void a_sentence_without_tokens_is_refused_naming_the_input() {
        assertThatThrownBy(() -> new Inspector().inspect(attentionSpec, attentionDir, ""))
                .isInstanceOf(PredictionException.class).hasMessageStartingWith("input: ");
    }

    private static void assertSameHidden(LayerStates layer, Map<String, INDArray> activations, String vertex) {
        double[][] expected = activations.get(vertex).get(NDArrayIndex.point(0)).transpose().toDoubleMatrix();
        float[][] hidden = layer.states().get(LayerStates.HIDDEN);
        assertThat(hidden).as(vertex).hasNumberOfRows(expected.length);
        for (int t = 0; t < expected.length; t++) {
            for (int j = 0; j < expected[t].length; j++) {
                assertThat((double) hidden[t][j]).as("%s step %d unit %d", vertex, t, j)
                        .isCloseTo(expected[t][j], within(1e-5));
            }
        }
    }
}
