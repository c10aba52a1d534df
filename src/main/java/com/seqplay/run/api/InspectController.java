package com.seqplay.run.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.run.inference.InspectionService;
import com.seqplay.spec.InvalidSpecException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/runs/{id}/inspect} with {@code {"input": "..."}}: per recurrent layer, bottom
 * first, {@code {"layer", "cell", "units", "steps": [token per step], "states": {"hidden":
 * [[unit values] per step], "forget": ..., ...}}}; for translation also the source tokens, the
 * greedy translation's tokens and the attention matrix (a row per output token).
 */
@RestController
@RequestMapping("/api/runs")
class InspectController {
    private static final String EXAMPLE = "{\"input\": \"the \"}";
    private final InspectionService inspections;
    private final ObjectReader reader;

    InspectController(InspectionService inspections, ObjectMapper json) {
        this.inspections = inspections;
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @PostMapping(value = "/{id}/inspect", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> inspect(@PathVariable long id, @RequestBody(required = false) String body) {
        Inspection inspection = inspections.inspect(id, input(body));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("layers", inspection.layers());
        if (inspection.outputTokens() != null) {
            out.put("sourceTokens", inspection.sourceTokens());
            out.put("outputTokens", inspection.outputTokens());
        }
        if (inspection.attention() != null) {
            out.put("attention", inspection.attention());
        }
        return out;
    }

    /** Exactly one JSON object with one text field, {@code input}. */
    private String input(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidSpecException("body", "is missing: send a JSON object such as " + EXAMPLE);
        }
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("body", "must be one valid JSON object such as " + EXAMPLE);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidSpecException("body", "must be a JSON object such as " + EXAMPLE);
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("input")) {
                throw new InvalidSpecException(name, "is not a known field; the only field is input");
            }
        }
        JsonNode input = root.get("input");
        if (input != null && !input.isNull() && !input.isTextual()) {
            throw new InvalidSpecException("input", "must be text, such as \"the \"");
        }
        return input == null || input.isNull() ? null : input.asText();
    }
}
