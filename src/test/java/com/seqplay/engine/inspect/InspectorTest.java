package com.seqplay.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.Trainer;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.LayerStates;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The inside view of models trained for one epoch, loaded from their run folders as the worker loads them. */
class InspectorTest {
    @TempDir
    static Path runs;
    private static RunSpec textSpec;
    private static RunSpec memorySpec;
    private static Path textDir;
    private static Path memoryDir;

    @BeforeAll
    static void trainTinyModels() throws Exception {
        textSpec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"textgen","cell":"lstm","epochs":1,"builtinSize":3000,"hiddenSize":12,"layers":2,
                 "sequenceLength":40,"batchSize":16,"sampleLength":5,"seed":4}"""));
        textDir = Files.createDirectory(runs.resolve("text"));
        new Trainer(textSpec, textDir, e -> { }).run();
        memorySpec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"memory","cell":"gru","distractors":5,"alphabet":4,"symbols":2,"sequences":200,
                 "epochs":1,"hiddenSize":8,"layers":1,"seed":2}"""));
        memoryDir = Files.createDirectory(runs.resolve("memory"));
        new Trainer(memorySpec, memoryDir, e -> { }).run();
    }

    @Test
    void a_text_model_shows_every_layer_at_every_character_as_the_network_computes_it() throws Exception {
        Inspection inspection = new Inspector().inspect(textSpec, textDir, "the cat");

        assertThat(inspection.layers()).extracting(LayerStates::layer).containsExactly("layer 1", "layer 2");
        assertThat(inspection.attention()).isNull();
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(textDir.resolve(Checkpoints.MODEL_FILE).toFile());
        List<INDArray> own = net.feedForward(Inspector.oneHot(ids(inspection), vocabularySize(net)), false);
        for (int k = 0; k < 2; k++) {
            LayerStates layer = inspection.layers().get(k);
            assertThat(layer.cell()).isEqualTo("LSTM");
            assertThat(layer.units()).isEqualTo(12);
            assertThat(layer.steps()).containsExactly("t", "h", "e", " ", "c", "a", "t");
            assertThat(layer.states()).containsOnlyKeys(LayerStates.HIDDEN, LayerStates.CELL, LayerStates.INPUT,
                    LayerStates.FORGET, LayerStates.OUTPUT);
            float[][] hidden = layer.states().get(LayerStates.HIDDEN);
            double[][] expected = own.get(k + 1).get(NDArrayIndex.point(0)).transpose().toDoubleMatrix();
            for (int t = 0; t < 7; t++) {
                for (int j = 0; j < 12; j++) {
                    assertThat((double) hidden[t][j]).isCloseTo(expected[t][j], within(1e-5));
                }
            }
        }
    }

    /** The characters shown, as the vocabulary file numbers them. */
    private static int[] ids(Inspection inspection) throws Exception {
        var vocab = com.seqplay.engine.textgen.VocabularyFile.load(textDir);
        return inspection.layers().get(0).steps().stream().mapToInt(s -> vocab.indexOf(s.codePointAt(0))).toArray();
    }

    private static int vocabularySize(MultiLayerNetwork net) {
        return (int) net.getLayer(0).getParam("W").size(0);
    }

    @Test
    void characters_the_model_never_saw_are_refused_by_name() {
        assertThatThrownBy(() -> new Inspector().inspect(textSpec, textDir, "the \u00a7cat\u00a7 \u2603"))
                .isInstanceOf(PredictionException.class)
                .hasMessageStartingWith("input: ")
                .hasMessageContaining("'\u00a7'").hasMessageContaining("'\u2603'");
    }

    @Test
    void a_memory_probe_shows_the_symbols_the_gap_and_the_query() throws Exception {
        Inspection inspection = new Inspector().inspect(memorySpec, memoryDir, "C A");

        LayerStates layer = inspection.layers().get(0);
        assertThat(layer.cell()).isEqualTo("GRU");
        assertThat(layer.steps()).hasSize(2 + 5 + 1).startsWith("C", "A").endsWith("?");
        assertThat(layer.steps().subList(2, 7)).allMatch(s -> s.startsWith("~"));
        assertThat(layer.states()).containsOnlyKeys(LayerStates.HIDDEN, LayerStates.UPDATE, LayerStates.RESET,
                LayerStates.CANDIDATE);
        assertThatThrownBy(() -> new Inspector().inspect(memorySpec, memoryDir, "C"))
                .isInstanceOf(PredictionException.class).hasMessageStartingWith("input: give 2 symbols");
    }
}
