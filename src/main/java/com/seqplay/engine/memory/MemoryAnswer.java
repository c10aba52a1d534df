package com.seqplay.engine.memory;

import java.util.Locale;
import java.util.Map;

/**
 * A trained memory probe's answer to one question: the symbol it names and the probability it
 * gives each symbol of the alphabet (in alphabet order).
 */
public record MemoryAnswer(String answer, Map<String, Double> probabilities) {
    /** For a plain text display: {@code C (p = 0.973)}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (p = %.3f)", answer, probabilities.get(answer));
    }
}
