package com.seqplay.events.sample;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What a model produced after an epoch, by kind. Each kind is stored as its id plus its JSON
 * ({@link SampleCodec}); content that no kind understands reads back as a {@link RawSample}.
 */
public sealed interface SamplePayload
        permits TextSample, TranslationSample, AttentionSample, ForecastSample, GradientReachSample, MemorySample,
        LengthAccuracySample, RawSample {

    /** The id stored beside the content, for example {@code translation}. */
    @JsonIgnore
    String kind();
}
