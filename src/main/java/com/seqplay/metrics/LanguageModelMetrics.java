package com.seqplay.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * Scores for character (or token) level language models, and the two reference points a
 * trained model should beat: guessing uniformly over the vocabulary and a unigram model.
 */
public final class LanguageModelMetrics {

    private static final double LN2 = Math.log(2.0);

    private LanguageModelMetrics() {
    }

    /** Bits per character from a mean cross-entropy in nats (what the training loss reports). */
    public static double bitsPerCharacter(double meanNats) {
        return meanNats / LN2;
    }

    /** Perplexity, exp of the mean cross-entropy in nats. */
    public static double perplexity(double meanNats) {
        return Math.exp(meanNats);
    }

    /** Bits per character of a model that spreads its probability evenly: log2 V. */
    public static double uniformBpc(int vocabularySize) {
        if (vocabularySize < 1) {
            throw new IllegalArgumentException("the vocabulary must have at least one symbol, got " + vocabularySize);
        }
        return Math.log(vocabularySize) / LN2;
    }

    /**
     * Bits per character of the held-out text under a unigram model fitted on the training text.
     *
     * <p>The vocabulary is every code point in either text. Probabilities use add-one (Laplace)
     * smoothing, {@code P(c) = (count_train(c) + 1) / (N_train + V)}, so that a character the
     * training text never shows still has a finite cost instead of infinite bits.
     */
    public static double unigramBpc(String trainingText, String heldOutText) {
        Map<Integer, Integer> counts = new HashMap<>();
        trainingText.codePoints().forEach(cp -> counts.merge(cp, 1, Integer::sum));
        Map<Integer, Integer> vocabulary = new HashMap<>(counts);
        heldOutText.codePoints().forEach(cp -> vocabulary.putIfAbsent(cp, 0));
        long trainingLength = trainingText.codePoints().count();
        return unigramBpc(counts, trainingLength, vocabulary.size(), heldOutText.codePoints().toArray());
    }

    /**
     * Same as {@link #unigramBpc(String, String)} for token ids 0..vocabularySize-1, with the
     * vocabulary size given explicitly (add-one smoothing over all of it).
     */
    public static double unigramBpc(int[] trainingTokens, int[] heldOutTokens, int vocabularySize) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int token : trainingTokens) {
            requireToken(token, vocabularySize);
            counts.merge(token, 1, Integer::sum);
        }
        for (int token : heldOutTokens) {
            requireToken(token, vocabularySize);
        }
        return unigramBpc(counts, trainingTokens.length, vocabularySize, heldOutTokens);
    }

    private static double unigramBpc(Map<Integer, Integer> counts, long trainingLength, int vocabularySize,
                                      int[] heldOut) {
        if (heldOut.length == 0) {
            throw new IllegalArgumentException("bits per character of an empty held-out text is undefined");
        }
        double denominator = trainingLength + vocabularySize;
        double bits = 0;
        for (int symbol : heldOut) {
            double p = (counts.getOrDefault(symbol, 0) + 1) / denominator;
            bits -= Math.log(p) / LN2;
        }
        return bits / heldOut.length;
    }

    private static void requireToken(int token, int vocabularySize) {
        if (token < 0 || token >= vocabularySize) {
            throw new IllegalArgumentException("token " + token + " is outside the vocabulary 0.." + (vocabularySize - 1));
        }
    }
}
