package com.seqplay.run.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.TaskType;
import com.seqplay.task.SpecValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every combination of the varied values over a base specification ("cells x clipping modes x
 * seeds"), each checked as a run would be, before any is queued: a grid is launched whole or not
 * at all. A field is a flat specification field ({@code cell}, {@code hiddenSize}, {@code seed},
 * a task option) or a part of one ({@code clipping.mode}, {@code clipping.threshold}).
 */
public final class GridPlan {
    public static final int MAX_RUNS = 200;
    public static final int MAX_VALUES = 50;

    /** One run of the grid: its varied values in words ("cell gru, seed 2") and its specification. */
    public record Cell(String label, RunSpec spec) {}

    private GridPlan() {}

    /** How many runs a grid with these numbers of values per field makes. */
    public static long count(Map<String, List<JsonNode>> vary) {
        long n = 1;
        for (List<JsonNode> values : vary.values()) {
            n *= values.size();
        }
        return n;
    }

    /**
     * @param name the experiment's name; each run is named after it and its values
     * @throws InvalidSpecException naming the field ({@code vary.cell}) or, for a combination that
     *     is not a valid run, its values and the problem
     */
    public static List<Cell> expand(String name, ObjectNode base, Map<String, List<JsonNode>> vary) {
        if (vary == null || vary.isEmpty()) {
            throw new InvalidSpecException("vary", "name at least one field and the values it takes");
        }
        RunSpec parsedBase = SpecJson.parse(base.toString());
        TaskType task = parsedBase.task();
        Set<String> known = new java.util.HashSet<>(SpecJson.commonFields());
        known.addAll(SpecJson.optionFields(task));
        for (var e : vary.entrySet()) {
            String field = e.getKey();
            String top = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
            if (top.equals("task") || top.equals("name")) {
                throw new InvalidSpecException("vary." + field, "cannot be varied: a grid is of one task, and its runs "
                        + "are named after their values");
            }
            if (!known.contains(top)) {
                throw new InvalidSpecException("vary." + field, "is not a field of " + task.id() + " runs");
            }
            if (e.getValue() == null || e.getValue().isEmpty() || e.getValue().size() > MAX_VALUES) {
                throw new InvalidSpecException("vary." + field, "needs between 1 and " + MAX_VALUES + " values");
            }
        }
        long count = count(vary);
        if (count > MAX_RUNS) {
            throw new InvalidSpecException("vary", "makes " + count + " runs; a grid may have at most " + MAX_RUNS);
        }
        List<Cell> cells = new ArrayList<>();
        List<String> fields = new ArrayList<>(vary.keySet());
        int[] index = new int[fields.size()];
        for (long n = 0; n < count; n++) {
            ObjectNode spec = base.deepCopy();
            Map<String, String> values = new LinkedHashMap<>();
            for (int f = 0; f < fields.size(); f++) {
                JsonNode value = vary.get(fields.get(f)).get(index[f]);
                set(spec, fields.get(f), value);
                values.put(fields.get(f), label(value));
            }
            String label = values.entrySet().stream().map(v -> v.getKey() + " " + v.getValue())
                    .collect(Collectors.joining(", "));
            String runName = name + ": " + label;
            spec.put("name", runName.length() <= SpecValidator.MAX_NAME_LENGTH ? runName
                    : runName.substring(0, SpecValidator.MAX_NAME_LENGTH));
            try {
                cells.add(new Cell(label, SpecValidator.completeAndValidate(SpecJson.parse(spec.toString()))));
            } catch (InvalidSpecException e) {
                throw new InvalidSpecException(e.problems().stream()
                        .map(p -> new SpecProblem(p.field(), "(run " + label + ") " + p.message())).toList());
            }
            // the next combination: the last field turns fastest
            for (int f = fields.size() - 1; f >= 0; f--) {
                if (++index[f] < vary.get(fields.get(f)).size()) {
                    break;
                }
                index[f] = 0;
            }
        }
        return cells;
    }

    private static void set(ObjectNode spec, String field, JsonNode value) {
        int dot = field.indexOf('.');
        if (dot < 0) {
            spec.set(field, value);
            return;
        }
        String top = field.substring(0, dot);
        JsonNode parent = spec.get(top);
        ObjectNode object = parent instanceof ObjectNode o ? o : spec.putObject(top);
        object.set(field.substring(dot + 1), value);
    }

    /** A value in words: "gru", "5", "global-norm 5". */
    static String label(JsonNode value) {
        if (value.isObject()) {
            List<String> parts = new ArrayList<>();
            value.elements().forEachRemaining(v -> {
                if (!v.isNull()) {
                    parts.add(label(v));
                }
            });
            return String.join(" ", parts);
        }
        if (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()) && Math.abs(value.asDouble()) < 1e15) {
            return Long.toString((long) value.asDouble());
        }
        return value.asText();
    }
}
