package com.seqplay.engine.inference;

import java.util.List;

/**
 * What to ask a trained model. {@code input} is a prompt (text generation), a sentence
 * (translation) or numbers (forecasting); the other fields are optional.
 */
public record PredictRequest(String text, List<Double> numbers, Double temperature, Integer topK, Integer length,
        Integer steps, Integer beam, Long seed) {}
