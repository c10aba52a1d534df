package com.seqplay.events.sample;

import java.util.List;
import java.util.Objects;

/**
 * Translation scores by source length: the held-out pairs grouped by how many tokens their source
 * has, with the exact match and BLEU of each group. Without attention the decoder sees the source
 * only through one vector, so long sources should score worse; this sample makes that visible.
 *
 * @param heldOut which pairs were scored: the validation pairs after an epoch, or the test pairs
 *     with the best epoch's model at the end of the run
 * @param buckets from the shortest sources to the longest; their pair counts add up to all pairs scored
 */
public record LengthAccuracySample(HeldOut heldOut, List<Bucket> buckets) implements SamplePayload {
    public static final String KIND = "length_accuracy";

    public LengthAccuracySample {
        Objects.requireNonNull(heldOut, "heldOut");
        buckets = List.copyOf(Objects.requireNonNull(buckets, "buckets"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The held-out pairs a sample scores. */
    public enum HeldOut {
        VALIDATION,
        TEST
    }

    /**
     * Pairs whose source has between {@code minTokens} and {@code maxTokens} tokens (both included).
     *
     * @param pairs how many held-out pairs fell in this bucket
     * @param exactMatch share in [0, 1] of those whose output equals the reference
     * @param bleu corpus BLEU in [0, 1] over this bucket's pairs
     */
    public record Bucket(int minTokens, int maxTokens, int pairs, double exactMatch, double bleu) {}
}
