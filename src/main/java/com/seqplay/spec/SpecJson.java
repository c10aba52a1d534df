package com.seqplay.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.stream.Collectors;

/**
 * Reads and writes specifications as JSON. Unknown fields are refused (a typo such as
 * {@code "epoch"} would otherwise silently train with the default), and every parse error names
 * the field it happened in.
 */
public final class SpecJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

    private SpecJson() {}

    public static RunSpec parse(String json) {
        try {
            return MAPPER.readValue(json, RunSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSpecException(path(e), "is not a known field");
        } catch (JsonMappingException e) {
            String field = path(e);
            throw new InvalidSpecException(field.isEmpty() ? "spec" : field,
                    field.isEmpty() ? "is not a JSON object: " + e.getOriginalMessage() : "has the wrong type");
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("spec", "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
    }

    public static String write(RunSpec spec) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a RunSpec always serialises", e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
