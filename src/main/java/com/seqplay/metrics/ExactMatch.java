package com.seqplay.metrics;

import java.util.List;
import java.util.Objects;

/** Fraction of predictions exactly equal to their reference: the strictest translation score. */
public final class ExactMatch {

    private ExactMatch() {
    }

    /**
     * Fraction in [0, 1] of positions i where {@code predictions.get(i)} equals
     * {@code references.get(i)}. Strings are compared as they are (no trimming or case folding):
     * for dates or numbers one wrong character is a wrong answer.
     */
    public static double score(List<?> predictions, List<?> references) {
        if (predictions.size() != references.size()) {
            throw new IllegalArgumentException("exact match needs one reference per prediction, got "
                    + predictions.size() + " predictions and " + references.size() + " references");
        }
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("exact match of no predictions is undefined");
        }
        int equal = 0;
        for (int i = 0; i < predictions.size(); i++) {
            if (Objects.equals(predictions.get(i), references.get(i))) {
                equal++;
            }
        }
        return (double) equal / predictions.size();
    }
}
