package com.seqplay.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one configured JSON mapper of Seqplay, shared by the server (Spring uses it for the REST API,
 * see {@code config.JsonConfig}), the trainer and the inference worker, which run without Spring.
 * Times are ISO-8601 text; fields without a value are left out (a run not started yet has no
 * {@code startedAt}); unknown fields are ignored when reading what Seqplay itself wrote
 * (events, samples, model descriptions), so a newer writer does not break an older reader.
 * What people write (specifications, request bodies) is read strictly: see {@link #strict()}.
 *
 * <p>An {@link ObjectMapper} is thread-safe once configured; nobody may reconfigure this one.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private Json() {}

    /**
     * A copy for input that people type: unknown fields, trailing content, numbers in quotes and
     * fractions where whole numbers belong are all errors, so nothing trains on a silent guess.
     */
    public static ObjectMapper strict() {
        return ((JsonMapper) MAPPER).rebuild()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
    }
}
