package com.seqplay.engine.textgen;

import com.seqplay.dataset.CharVocabulary;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A trained character model loaded from its run folder, answering prompts. Not thread-safe. */
public final class TextGenerator {
    private static final int MAX_LENGTH = 5000;
    private final RunSpec spec;
    private final TextSampler sampler;
    private final CharVocabulary vocab;

    private TextGenerator(RunSpec spec, MultiLayerNetwork net, CharVocabulary vocab) {
        this.spec = spec;
        this.vocab = vocab;
        this.sampler = new TextSampler(net, vocab);
    }

    public static TextGenerator load(RunSpec spec, Path runDir) throws IOException {
        MultiLayerNetwork net = MultiLayerNetwork.load(runDir.resolve(Checkpoints.MODEL_FILE).toFile(), false);
        return new TextGenerator(spec, net, VocabularyFile.load(runDir));
    }

    public Prediction predict(PredictRequest request) {
        String prompt = request.text() == null ? "" : request.text();
        long unknown = prompt.codePoints().filter(c -> vocab.indexOf(c) < 0).count();
        if (!prompt.isEmpty() && unknown == prompt.codePointCount(0, prompt.length())) {
            throw new PredictionException("None of the prompt's characters occur in the training text.");
        }
        int length = request.length() == null ? spec.textgen().sampleLength() : request.length();
        if (length < 1 || length > MAX_LENGTH) {
            throw new PredictionException("length must be between 1 and " + MAX_LENGTH);
        }
        double temperature = request.temperature() == null ? spec.textgen().temperature() : request.temperature();
        if (!(temperature > 0 && temperature <= 10)) {
            throw new PredictionException("temperature must be above 0 and at most 10");
        }
        int topK = request.topK() == null ? 0 : request.topK();
        if (topK < 0) {
            throw new PredictionException("topK must be 0 (all characters) or more");
        }
        Random random = request.seed() == null ? new Random() : new Random(request.seed());
        return Prediction.of(sampler.sample(prompt, length, temperature, topK, random));
    }
}
