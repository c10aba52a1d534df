package com.seqplay.events.sample;

import java.util.Objects;

/** Generated text: the prompt the model was given, then what it wrote after it. */
public record TextSample(String prompt, String continuation) implements SamplePayload {
    public static final String KIND = "text";

    public TextSample {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(continuation, "continuation");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
