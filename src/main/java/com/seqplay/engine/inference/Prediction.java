package com.seqplay.engine.inference;

import java.util.List;

/**
 * A model's answer. {@code output} is text or numbers; for translation with attention,
 * {@code attention} has one row per produced token and one column per source token.
 */
public record Prediction(Object output, List<String> sourceTokens, List<String> outputTokens, double[][] attention) {
    public static Prediction of(Object output) {
        return new Prediction(output, null, null, null);
    }
}
