package com.seqplay.engine.inference;

import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.forecasting.Forecaster;
import com.seqplay.engine.memory.MemoryAnswer;
import com.seqplay.engine.memory.MemoryModel;
import com.seqplay.engine.textgen.TextGenerator;
import com.seqplay.engine.translation.Translation;
import com.seqplay.engine.translation.Translator;
import com.seqplay.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Answers requests with trained models from their run folders. A few recently used models stay
 * loaded; a network is not thread-safe, so each one answers one request at a time.
 */
public final class Predictor {
    private static final int CACHED_MODELS = 4;
    private final Map<Key, Model> cache = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Model> eldest) {
            return size() > CACHED_MODELS;
        }
    };

    /**
     * A checkpoint as it was when loaded: a run still training replaces its checkpoint after each
     * better epoch, and the next request must see the new one, not the cached first.
     */
    private record Key(Path runDir, FileTime saved) {}

    /** One loaded model of any task. */
    private interface Model {
        Prediction predict(PredictRequest request);
    }

    public static boolean hasModel(Path runDir) {
        return Files.isRegularFile(runDir.resolve(Checkpoints.MODEL_FILE));
    }

    public Prediction predict(RunSpec spec, Path runDir, PredictRequest request) throws IOException {
        Model model = model(spec, runDir);
        synchronized (model) {
            return model.predict(request);
        }
    }

    /** A sentence in, its translation out, with the attention weights when the model has them. */
    private static Model translator(Translator translator) {
        return request -> {
            if (request.text() == null || request.text().isBlank()) {
                throw new PredictionException("input must be a sentence to translate");
            }
            int beam = request.beam() == null ? 1 : request.beam();
            if (beam < 1 || beam > 50) {
                throw new PredictionException("beam must be between 1 and 50");
            }
            Translation t = translator.translate(request.text(), beam);
            return new Prediction(t.text(), t.sourceTokens(), t.tokens(), t.attention());
        };
    }

    /** Numbers in, the next {@code steps} values out (default: one horizon). */
    private static Model forecaster(Forecaster forecaster) {
        return request -> {
            if (request.numbers() == null || request.numbers().isEmpty()) {
                throw new PredictionException("input must be a list of at least " + forecaster.setup().window()
                        + " numbers (the look-back window)");
            }
            int steps = request.steps() == null ? forecaster.setup().horizon() : request.steps();
            try {
                return Prediction.of(forecaster.forecast(request.numbers(), steps));
            } catch (IllegalArgumentException e) {
                throw new PredictionException(e.getMessage());
            }
        };
    }

    /**
     * The memory probe: {@code text} is the symbols to remember as the run page shows them,
     * separated by spaces ("C A F", as many as the run was trained with); {@code steps} is the
     * number of distractors between them and the query (default: the trained gap, 0 to 1000);
     * {@code seed} draws the distractor tokens (default 0). The output is a {@link MemoryAnswer}:
     * the predicted first symbol and the probability of each symbol.
     */
    private static Model memory(MemoryModel model) {
        return request -> {
            int distractors = request.steps() == null ? model.trainedDistractors() : request.steps();
            try {
                return Prediction.of(model.answer(request.text(), distractors, request.seed() == null ? 0 : request.seed()));
            } catch (IllegalArgumentException e) {
                throw new PredictionException(e.getMessage());
            }
        };
    }

    private Model model(RunSpec spec, Path runDir) throws IOException {
        Key key = new Key(runDir.toAbsolutePath().normalize(),
                Files.getLastModifiedTime(runDir.resolve(Checkpoints.MODEL_FILE)));
        synchronized (cache) {
            Model cached = cache.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Model loaded = switch (spec.task()) {
            case TEXTGEN -> TextGenerator.load(spec, runDir)::predict;
            case FORECASTING -> forecaster(Forecaster.load(runDir));
            case TRANSLATION -> translator(Translator.load(runDir));
            case MEMORY -> memory(MemoryModel.load(spec.memory(), runDir));
        };
        synchronized (cache) {
            cache.keySet().removeIf(k -> k.runDir().equals(key.runDir()));
            cache.put(key, loaded);
        }
        return loaded;
    }
}
