package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Step-by-step decoding against the straightforward formulation on untrained networks of every
 * shape new runs build: each cell, with and without attention, one or two layers, a bidirectional
 * encoder. Random weights make every token likely enough that beam search explores real choices.
 */
class DecoderStepperTest {
    private static final List<String> SOURCE_TOKENS = List.of("a", "b", "c", "d", "e");
    private static final List<String> TARGET_TOKENS = List.of("1", "2", "3", "4");

    private static TranslationModel model(String settings) {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(
                "{\"task\":\"translation\",\"hiddenSize\":8,\"seed\":4," + settings + "}"));
        Vocabulary source = Vocabulary.build(List.of(SOURCE_TOKENS), 100);
        Vocabulary target = Vocabulary.build(List.of(TARGET_TOKENS), 100);
        boolean attention = Boolean.TRUE.equals(spec.translation().attention());
        return new TranslationModel(Seq2SeqGraph.build(spec, source.size(), target.size()), source, target,
                Tokenization.CHAR, spec.layers(), attention, 6);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"cell\":\"gru\",\"attention\":true",
        "\"cell\":\"rnn\",\"attention\":false,\"layers\":2",
        "\"cell\":\"lstm\",\"attention\":true,\"bidirectional\":true,\"layers\":2",
        "\"cell\":\"gru\",\"attention\":false,\"bidirectional\":true"})
    void steps_equal_whole_prefixes_and_beam_scores_equal_teacher_forcing(String settings) {
        TranslationModel model = model(settings);
        int[][] sources = {model.encodeSource("abcde"), model.encodeSource("b"), model.encodeSource("cad")};
        int[][] prefixes = {{Vocabulary.BOS_ID, 4, 5, 6}, {Vocabulary.BOS_ID, 7, 7, 4}, {Vocabulary.BOS_ID, 6, 4, 5}};
        TranslationModel.Encoded encoded = model.encode(sources);
        INDArray whole = model.decoderProbabilities(encoded, prefixes);
        try (DecoderStepper stepper = model.stepper(encoded)) {
            for (int t = 0; t < prefixes[0].length; t++) {
                float[][] p = stepper.next(new int[] {prefixes[0][t], prefixes[1][t], prefixes[2][t]});
                for (int row = 0; row < sources.length; row++) {
                    for (int v = 0; v < p[row].length; v++) {
                        assertThat((double) p[row][v]).as("%s: row %d, step %d, token %d", settings, row, t, v)
                                .isCloseTo(whole.getDouble(row, v, t), within(1e-5));
                    }
                }
            }
        }
        List<int[]> batch = List.of(sources);
        for (int beam : new int[] {1, 3}) {
            List<Hypothesis> decoded = model.decode(batch, beam);
            for (int i = 0; i < sources.length; i++) {
                Hypothesis h = decoded.get(i);
                assertThat(h.logProbability()).as("%s, beam %d, source %d", settings, beam, i)
                        .isCloseTo(model.logProbability(sources[i], h.tokens(), h.finished()), within(1e-3));
                // each sentence decodes as it does alone, padding and beam rows of others notwithstanding
                Hypothesis alone = model.decode(List.of(sources[i]), beam).get(0);
                assertThat(h.tokens()).isEqualTo(alone.tokens());
            }
        }
    }
}
