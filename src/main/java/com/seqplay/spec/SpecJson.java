package com.seqplay.spec;

import com.seqplay.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and writes specifications as one flat JSON object: the common fields of {@link RunSpec}
 * beside the task's own options. Reading is strict, because a lenient reader trains something
 * other than what the person asked for: unknown fields (a typo such as {@code "epoch"}), a field
 * of another task, a string where a number belongs ({@code "epochs":"3"}), a fraction where a
 * whole number belongs and anything after the object are all refused, naming the field.
 */
public final class SpecJson {
    private static final ObjectMapper MAPPER = Json.strict();
    private static final Set<String> COMMON_FIELDS = fieldsOf(RunSpec.class);

    private SpecJson() {}

    /**
     * Reads a specification as a person or script wrote it (fields may be missing; the task's
     * definition completes them).
     *
     * @throws InvalidSpecException naming the field that is wrong
     */
    public static RunSpec parse(String json) {
        return read(json, true);
    }

    /**
     * Reads a specification stored by an earlier version: fields that no longer belong to its task
     * (older versions stored every field for every task) are dropped instead of refused.
     */
    public static RunSpec readStored(String json) {
        return read(json, false);
    }

    public static String write(RunSpec spec) {
        return toTree(spec).toPrettyString();
    }

    /** The flat JSON object of a specification (the form the API shows). */
    public static ObjectNode toTree(RunSpec spec) {
        ObjectNode node = MAPPER.valueToTree(spec);
        if (spec.options() != null) {
            ObjectNode options = MAPPER.valueToTree(spec.options());
            options.properties().removeIf(e -> e.getValue().isNull());
            node.setAll(options);
        }
        return node;
    }

    /** The JSON field names of a task's own options. */
    public static Set<String> optionFields(TaskType task) {
        return fieldsOf(task.optionsType());
    }

    /** The JSON field names every task has. */
    public static Set<String> commonFields() {
        return COMMON_FIELDS;
    }

    private static RunSpec read(String json, boolean strict) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("spec", "is not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): " + e.getOriginalMessage());
        }
        if (tree == null || tree.isMissingNode() || !tree.isObject()) {
            throw new InvalidSpecException("spec", "the body must be a JSON object with at least a task");
        }
        JsonNode taskNode = tree.get("task");
        if (taskNode == null || taskNode.isNull()) {
            throw new InvalidSpecException("task", "is required: one of " + Choice.idsOf(TaskType.class));
        }
        TaskType task = TaskType.fromId(taskNode.isTextual() ? taskNode.asText() : taskNode.toString())
                .orElseThrow(() -> new InvalidSpecException("task", "'" + taskNode.asText() + "' is not a task: use "
                        + Choice.idsOf(TaskType.class)));
        Set<String> optionFields = optionFields(task);
        ObjectNode common = MAPPER.createObjectNode();
        ObjectNode options = MAPPER.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            var field = it.next();
            String name = field.getKey();
            if (COMMON_FIELDS.contains(name)) {
                common.set(name, field.getValue());
            } else if (optionFields.contains(name)) {
                options.set(name, field.getValue());
            } else if (strict) {
                throw new InvalidSpecException(name, unknownFieldMessage(name, task));
            }
        }
        RunSpec spec = convert(common, RunSpec.class, "");
        return spec.withOptions(convert(options, task.optionsType(), ""));
    }

    private static String unknownFieldMessage(String name, TaskType task) {
        String owners = Arrays.stream(TaskType.values()).filter(t -> optionFields(t).contains(name))
                .map(TaskType::id).collect(Collectors.joining(", "));
        return owners.isEmpty() ? "is not a known field"
                : "is a field of " + owners + " runs, not of " + task.id() + " runs";
    }

    private static <T> T convert(ObjectNode node, Class<T> type, String prefix) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidSpecException(prefix + path(e), "is not a known field");
        } catch (InvalidFormatException e) {
            String field = prefix + path(e);
            if (e.getTargetType() != null && e.getTargetType().isEnum() && Choice.class.isAssignableFrom(e.getTargetType())) {
                throw new InvalidSpecException(field, "'" + e.getValue() + "' is not allowed: use "
                        + Choice.idsOf(e.getTargetType()));
            }
            throw new InvalidSpecException(field, wrongType(e.getTargetType()));
        } catch (JsonMappingException e) {
            String field = prefix + path(e);
            Class<?> target = e instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                    ? m.getTargetType() : null;
            throw new InvalidSpecException(field.isEmpty() ? "spec" : field, wrongType(target));
        } catch (JsonProcessingException e) {
            throw new InvalidSpecException("spec", "cannot be read: " + e.getOriginalMessage());
        }
    }

    private static String wrongType(Class<?> target) {
        if (target == null) {
            return "has the wrong type";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "must be a whole number (without quotes)";
        }
        if (target == Double.class || target == double.class) {
            return "must be a number (without quotes)";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false (without quotes)";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target.isEnum() && Choice.class.isAssignableFrom(target)) {
            return "must be one of " + Choice.idsOf(target);
        }
        if (target.isRecord()) {
            return "must be an object with the fields " + fieldsOf(target);
        }
        return "has the wrong type";
    }

    private static Set<String> fieldsOf(Class<?> record) {
        Set<String> names = new LinkedHashSet<>();
        for (var c : record.getRecordComponents()) {
            if (c.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonIgnore.class) == null) {
                names.add(c.getName());
            }
        }
        return names;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
