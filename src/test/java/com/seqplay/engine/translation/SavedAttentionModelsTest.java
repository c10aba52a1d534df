package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.dataset.SentencePair;
import com.seqplay.dataset.builtin.NumberWords;
import com.seqplay.engine.Checkpoints;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A translation network saved with either attention vertex loads with that same vertex and
 * translates as before saving; the two vertices translate alike on the same parameters.
 */
class SavedAttentionModelsTest {
    private static final List<SentencePair> PAIRS = NumberWords.generate(60, 5);

    @TempDir
    Path dir;

    private static TranslationModel model(Seq2SeqGraph.AttentionImpl impl) {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"translation","dataset":"builtin:numbers","hiddenSize":16,"seed":4}"""));
        Tokenization tokens = Tokenization.fromId(spec.translation().tokens().id());
        Vocabulary source = Vocabulary.build(PAIRS.stream().map(p -> tokens.split(p.source())).toList(), 100);
        Vocabulary target = Vocabulary.build(PAIRS.stream().map(p -> tokens.split(p.target())).toList(), 100);
        ComputationGraph graph = Seq2SeqGraph.build(spec, source.size(), target.size(), impl);
        return new TranslationModel(graph, source, target, tokens, spec.layers(), true, 12);
    }

    private List<int[]> sources(TranslationModel model) {
        return PAIRS.subList(0, 8).stream().map(p -> model.encodeSource(p.source())).toList();
    }

    private TranslationModel saveAndLoad(TranslationModel model, String name) throws Exception {
        Path run = Files.createDirectories(dir.resolve(name));
        Checkpoints.write(model.graph, run.resolve(Checkpoints.MODEL_FILE));
        ModelFiles.save(model, run);
        return ModelFiles.load(run);
    }

    private static List<List<Integer>> decoded(TranslationModel model, List<int[]> sources) {
        return model.decode(sources, 2).stream().map(h -> java.util.Arrays.stream(h.tokens()).boxed().toList()).toList();
    }

    @Test
    void each_vertex_loads_as_itself_and_translates_as_before_saving() throws Exception {
        for (Seq2SeqGraph.AttentionImpl impl : Seq2SeqGraph.AttentionImpl.values()) {
            TranslationModel saved = model(impl);
            TranslationModel loaded = saveAndLoad(saved, impl.name());
            Class<?> vertexClass = loaded.graph.getConfiguration().getVertices().get(Seq2SeqGraph.ATTENTION).getClass();
            assertThat(vertexClass).as(impl.name())
                    .isEqualTo(impl == Seq2SeqGraph.AttentionImpl.DL4J ? AttentionVertex.class : ProjectedAttentionVertex.class);
            List<int[]> sources = sources(saved);
            assertThat(decoded(loaded, sources)).as(impl.name()).isEqualTo(decoded(saved, sources));
            int[] output = saved.decode(List.of(sources.get(0)), 1).get(0).tokens();
            var details = loaded.attentionCheck(sources.get(0), output);
            for (double[] row : details.weights()) {
                assertThat(java.util.Arrays.stream(row).sum()).isCloseTo(1.0, within(1e-5));
            }
            for (int f = 0; f < details.vertexOutput().length; f++) {
                for (int t = 0; t < details.vertexOutput()[f].length; t++) {
                    assertThat(details.rebuiltOutput()[f][t]).as(impl.name())
                            .isCloseTo(details.vertexOutput()[f][t], within(1e-4));
                }
            }
        }
    }

    @Test
    void both_vertices_give_the_same_probabilities_on_the_same_parameters() {
        TranslationModel theirs = model(Seq2SeqGraph.AttentionImpl.DL4J);
        TranslationModel ours = model(Seq2SeqGraph.AttentionImpl.PROJECTED);
        Seq2SeqGraph.copyParameters(theirs.graph, ours.graph);
        List<int[]> sources = sources(theirs);
        int[][] src = sources.toArray(int[][]::new);
        int[][] decoderIn = sources.stream().map(s -> SequenceArrays.decoderInput(new int[] {4, 5, 6})).toArray(int[][]::new);
        var expected = theirs.probabilities(src, decoderIn);
        var actual = ours.probabilities(src, decoderIn);
        assertThat(expected.sub(actual).amaxNumber().doubleValue()).isLessThan(1e-5);
        assertThat(decoded(ours, sources)).isEqualTo(decoded(theirs, sources));
    }
}
