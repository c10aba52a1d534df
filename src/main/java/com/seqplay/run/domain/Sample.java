package com.seqplay.run.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.seqplay.events.sample.SampleCodec;
import com.seqplay.events.sample.SamplePayload;
import java.time.Instant;

/**
 * What the model produced after an epoch, as stored: its kind and its content (JSON for every
 * kind the engine writes today). {@link #payload()} reads it back typed.
 */
public record Sample(String kind, int epoch, String content, Instant time) {

    /** The typed sample; content stored by an older version, or of an unknown kind, comes back as raw text. */
    @JsonIgnore
    public SamplePayload payload() {
        return SampleCodec.decode(kind, content);
    }
}
