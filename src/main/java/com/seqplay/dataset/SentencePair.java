package com.seqplay.dataset;

import java.util.Objects;

/** One translation example: what the encoder reads and what the decoder must produce. */
public record SentencePair(String source, String target) {
    public SentencePair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
    }
}
