package com.seqplay.engine.inspect;

import com.seqplay.dataset.CharVocabulary;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.engine.textgen.VocabularyFile;
import com.seqplay.engine.translation.Translator;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.memory.MemoryProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Shows the inside of trained models: loads a run's checkpoint (the file the predictor loads),
 * turns the typed input into the network's input as the task's trainer did, and recomputes each
 * recurrent layer step by step. A few recently used models stay loaded; one model answers one
 * request at a time (a DL4J network is not thread-safe).
 */
public final class Inspector {
    private static final int CACHED_MODELS = 2;
    private final Map<Key, Model> cache = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Model> eldest) {
            return size() > CACHED_MODELS;
        }
    };

    /** A checkpoint as it was when loaded (a running run replaces it after each better epoch). */
    private record Key(Path runDir, FileTime saved) {}

    private interface Model {
        Inspection inspect(String input);
    }

    /**
     * @throws PredictionException if the input does not suit the model or the model cannot be shown
     * @throws IOException if the saved model cannot be read
     */
    public Inspection inspect(RunSpec spec, Path runDir, String input) throws IOException {
        Model model = model(spec, runDir);
        synchronized (model) {
            return model.inspect(input == null ? "" : input);
        }
    }

    private Model model(RunSpec spec, Path runDir) throws IOException {
        Path file = runDir.resolve(Checkpoints.MODEL_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(runDir + " holds no trained model (" + Checkpoints.MODEL_FILE + ")");
        }
        Key key = new Key(runDir.toAbsolutePath().normalize(), Files.getLastModifiedTime(file));
        synchronized (cache) {
            Model cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Model loaded = switch (spec.task()) {
            case TEXTGEN -> characters(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false),
                    VocabularyFile.load(runDir));
            case MEMORY -> memory(ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false),
                    MemoryProbe.of(spec.memory()));
            case TRANSLATION -> {
                Translator translator = Translator.load(runDir);
                yield input -> TranslationStates.inspect(translator, input);
            }
            case FORECASTING -> input -> {
                throw new PredictionException("The inside view shows models that read characters, symbols or "
                        + "sentences; a forecasting model reads normalised numbers and is not shown yet.");
            };
        };
        synchronized (cache) {
            cache.keySet().removeIf(k -> k.runDir().equals(key.runDir()));
            cache.put(key, loaded);
        }
        return loaded;
    }

    /** Text generation: one step per character, read one-hot as in training. */
    static Model characters(MultiLayerNetwork net, CharVocabulary vocab) {
        return input -> {
            if (input.isEmpty()) {
                throw new PredictionException("input: is empty; give some text to read, for example \"the \"");
            }
            int[] codePoints = input.codePoints().toArray();
            TreeSet<String> unknown = new TreeSet<>();
            for (int c : codePoints) {
                if (vocab.indexOf(c) < 0) {
                    unknown.add(new String(Character.toChars(c)));
                }
            }
            if (!unknown.isEmpty()) {
                throw new PredictionException("input: the character" + (unknown.size() == 1 ? " " : "s ")
                        + String.join(" ", unknown.stream().map(u -> "'" + u + "'").toList())
                        + " never occur" + (unknown.size() == 1 ? "s" : "") + " in the training text");
            }
            int[] ids = new int[codePoints.length];
            List<String> tokens = new ArrayList<>();
            for (int t = 0; t < codePoints.length; t++) {
                ids[t] = vocab.indexOf(codePoints[t]);
                tokens.add(new String(Character.toChars(codePoints[t])));
            }
            return Inspection.of(NetworkStates.of(net, oneHot(ids, vocab.size()), tokens));
        };
    }

    /**
     * The memory probe: the symbols to remember as the run page writes them ("C A F"), then the
     * trained gap of distractors (drawn with seed 0, as the predictor does by default), then the query.
     */
    static Model memory(MultiLayerNetwork net, MemoryProbe probe) {
        return input -> {
            int[] shown;
            try {
                shown = probe.parseSymbols(input);
            } catch (IllegalArgumentException e) {
                throw new PredictionException("input: " + e.getMessage());
            }
            int[] ids = probe.sequence(shown, new Random(0)).tokens();
            List<String> tokens = new ArrayList<>();
            for (int id : ids) {
                tokens.add(id < probe.alphabet() ? MemoryProbe.symbolName(id)
                        : id == probe.queryToken() ? "?" : "~" + (id - probe.alphabet() + 1));
            }
            return Inspection.of(NetworkStates.of(net, oneHot(ids, probe.vocabularySize()), tokens));
        };
    }

    /** Token ids as one sequence of one-hot columns, [1, size, steps]. */
    static INDArray oneHot(int[] ids, int size) {
        float[] data = new float[size * ids.length];
        for (int t = 0; t < ids.length; t++) {
            data[ids[t] * ids.length + t] = 1f;
        }
        return Nd4j.create(data, new long[] {1, size, ids.length}, 'c');
    }
}
