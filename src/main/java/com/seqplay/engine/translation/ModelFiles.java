package com.seqplay.engine.translation;

import com.seqplay.json.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.engine.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * What a run folder holds besides the network ({@link Checkpoints#MODEL_FILE}): {@value #FILE} with
 * the tokenization, both vocabularies in id order and the decoding limit, so that a saved model can
 * translate without the run's specification or data.
 */
final class ModelFiles {
    static final String FILE = "translation.json";
    private static final ObjectMapper JSON = Json.MAPPER;

    record Setup(String tokens, boolean attention, int layers, int maxSteps, List<String> sourceVocabulary,
            List<String> targetVocabulary) {}

    private ModelFiles() {}

    static void save(TranslationModel model, Path dir) throws IOException {
        Setup setup = new Setup(model.tokenization.id(), model.attention, model.layers, model.maxSteps,
                model.source.tokens(), model.target.tokens());
        Path tmp = dir.resolve(FILE + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), setup);
        Files.move(tmp, dir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The tokenization and vocabularies a run saved, without its network (a resumed run reads them). */
    static Setup readSetup(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(FILE).toFile(), Setup.class);
    }

    static TranslationModel load(Path dir) throws IOException {
        Path setupFile = dir.resolve(FILE);
        Path modelFile = dir.resolve(Checkpoints.MODEL_FILE);
        if (!Files.exists(setupFile) || !Files.exists(modelFile)) {
            throw new IOException(dir + " holds no trained translation model (" + FILE + " and "
                    + Checkpoints.MODEL_FILE + " are needed)");
        }
        Setup setup = JSON.readValue(setupFile.toFile(), Setup.class);
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(modelFile.toFile(), false);
        return new TranslationModel(graph, Vocabulary.of(setup.sourceVocabulary()),
                Vocabulary.of(setup.targetVocabulary()), Tokenization.fromId(setup.tokens()), setup.layers(),
                setup.attention(), setup.maxSteps());
    }
}
