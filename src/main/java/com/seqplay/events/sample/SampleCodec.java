package com.seqplay.events.sample;

import com.seqplay.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.Map;

/**
 * Turns sample payloads into their stored form (kind id + JSON content) and back. Reading never
 * fails: content that does not match its kind comes back as a {@link RawSample}, so a sample
 * stored by an older version still shows.
 */
public final class SampleCodec {
    private static final ObjectMapper JSON = Json.MAPPER;
    /** Content that does not fit its kind must fail, so that it falls back to a raw sample. */
    private static final ObjectReader READER = JSON.reader()
            .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Map<String, Class<? extends SamplePayload>> KINDS = Map.of(
            TextSample.KIND, TextSample.class,
            TranslationSample.KIND, TranslationSample.class,
            AttentionSample.KIND, AttentionSample.class,
            ForecastSample.KIND, ForecastSample.class,
            GradientReachSample.KIND, GradientReachSample.class,
            MemorySample.KIND, MemorySample.class,
            LengthAccuracySample.KIND, LengthAccuracySample.class);

    private SampleCodec() {}

    public static String encode(SamplePayload payload) {
        if (payload instanceof RawSample raw) {
            return raw.content();
        }
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sample payload always serialises", e);
        }
    }

    /** The typed payload of stored content; a {@link RawSample} when kind or content is not understood. */
    public static SamplePayload decode(String kind, String content) {
        String text = content == null ? "" : content;
        String id = kind == null ? "" : kind;
        Class<? extends SamplePayload> type = KINDS.get(id);
        if (type == null) {
            return new RawSample(id, text);
        }
        try {
            SamplePayload payload = READER.forType(type).readValue(text);
            return payload != null ? payload : new RawSample(id, text);
        } catch (JsonProcessingException | RuntimeException e) {
            return new RawSample(id, text);
        }
    }
}
