package com.seqplay.events.sample;

import java.util.List;
import java.util.Objects;

/**
 * Where the decoder looked while translating one held-out sentence.
 *
 * @param weights one row per output token, one column per source token; each row sums to 1
 */
public record AttentionSample(List<String> source, List<String> output, String reference, double[][] weights)
        implements SamplePayload {
    public static final String KIND = "attention";

    public AttentionSample {
        source = List.copyOf(Objects.requireNonNull(source, "source"));
        output = List.copyOf(Objects.requireNonNull(output, "output"));
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(weights, "weights");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
