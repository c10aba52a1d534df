package com.seqplay.events.sample;

import java.util.List;
import java.util.Objects;

/** The model's translations of the first held-out pairs. */
public record TranslationSample(List<Pair> pairs) implements SamplePayload {
    public static final String KIND = "translation";

    public TranslationSample {
        pairs = List.copyOf(Objects.requireNonNull(pairs, "pairs"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** One held-out sentence, what the model made of it and the right translation. */
    public record Pair(String source, String output, String reference) {
        public Pair {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(reference, "reference");
        }
    }
}
