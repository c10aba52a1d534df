package com.seqplay.run.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.spec.InvalidSpecException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the body of a predict request strictly: exactly one JSON object, only known fields, each
 * of its type. Lenient reading let {@code "seed":"abc"} become seed 0 and ignored a second object
 * or a misspelt option, so the user got an answer to a question they did not ask.
 */
final class PredictJson {
    static final List<String> FIELDS = List.of("input", "temperature", "topK", "length", "steps", "beam", "seed");
    private static final String INPUT = "must be a sentence, a prompt or a list of numbers";
    private final ObjectReader reader;

    PredictJson(ObjectMapper mapper) {
        this.reader = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** @throws InvalidSpecException naming {@code body} or the field that is wrong */
    PredictRequest parse(String body) {
        JsonNode root = object(body);
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidSpecException(name, "is not a known field; the fields are " + String.join(", ", FIELDS));
            }
        }
        JsonNode input = root.path("input");
        List<Double> numbers = null;
        String text = null;
        if (input.isArray()) {
            numbers = new ArrayList<>();
            for (JsonNode n : input) {
                if (!n.isNumber()) {
                    throw new InvalidSpecException("input", INPUT);
                }
                numbers.add(n.asDouble());
            }
        } else if (input.isTextual()) {
            text = input.asText();
        } else if (!input.isMissingNode() && !input.isNull()) {
            throw new InvalidSpecException("input", INPUT);
        }
        return new PredictRequest(text, numbers, optionalDouble(root, "temperature"), optionalInt(root, "topK"),
                optionalInt(root, "length"), optionalInt(root, "steps"), optionalInt(root, "beam"),
                optionalLong(root, "seed"));
    }

    private JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidSpecException("body", "is missing: send a JSON object such as {\"input\": \"the \"}");
        }
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new InvalidSpecException("body", "must be one valid JSON object and nothing after it" + where);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException("body", "must be a JSON object such as {\"input\": \"the \"}, not "
                    + kind(root));
        }
        return root;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case NULL -> "null";
            default -> "another kind of value";
        };
    }

    private static Integer optionalInt(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidSpecException(field, "must be a whole number");
        }
        return v.asInt();
    }

    private static Long optionalLong(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidSpecException(field, "must be a whole number");
        }
        return v.asLong();
    }

    private static Double optionalDouble(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isNumber()) {
            throw new InvalidSpecException(field, "must be a number");
        }
        return v.asDouble();
    }
}
