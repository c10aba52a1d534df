package com.seqplay.engine.translation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Translates with a saved model: loads a run folder written by {@link TranslationTrainer} (the best
 * checkpoint and {@value ModelFiles#FILE}) and decodes one sentence at a time. One instance may be
 * shared; calls are serialised because DL4J networks are not thread-safe.
 */
public final class Translator {
    private final TranslationModel model;

    Translator(TranslationModel model) {
        this.model = model;
    }

    public static Translator load(Path runDir) throws IOException {
        return new Translator(ModelFiles.load(runDir));
    }

    public boolean hasAttention() {
        return model.attention;
    }

    /** {@code char} or {@code word}. */
    public String tokens() {
        return model.tokenization.id();
    }

    /**
     * @param beamWidth 1 for greedy decoding
     * @throws IllegalArgumentException for a beam width below 1
     */
    public synchronized Translation translate(String sentence, int beamWidth) {
        List<String> sourceTokens = model.tokenization.split(sentence);
        if (sourceTokens.isEmpty()) {
            return new Translation("", List.of(), List.of(), 0, true, model.attention ? new double[0][0] : null);
        }
        int[] ids = model.source.encode(sourceTokens);
        Hypothesis best = model.decode(List.of(ids), beamWidth).get(0);
        List<String> tokens = model.target.decode(best.tokens());
        double[][] attention = model.attention ? model.attentionWeights(ids, best.tokens()) : null;
        return new Translation(model.tokenization.join(tokens), tokens, sourceTokens, best.logProbability(),
                best.finished(), attention);
    }
}
