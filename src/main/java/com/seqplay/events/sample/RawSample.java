package com.seqplay.events.sample;

import java.util.Objects;

/**
 * Sample content that no known kind reads: a kind this version does not know, or content stored
 * in an older format (text was once "prompt|continuation", translations plain lines). Shown as text.
 */
public record RawSample(String kind, String content) implements SamplePayload {
    public RawSample {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(content, "content");
    }
}
