package com.seqplay.run.history;

import com.seqplay.run.domain.RunStatus;
import com.seqplay.spec.CellType;
import com.seqplay.spec.Choice;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.TaskType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which runs to list, in which order, which page. Every filter is optional; the URL parameters
 * (REST API and the Runs page alike) are named like the fields: {@code task}, {@code cell},
 * {@code clipping}, {@code status}, {@code owner}, {@code tag}, {@code dataset}, {@code q} (free
 * text over name and notes), {@code from} and {@code to} (creation dates, both included),
 * {@code experiment}, {@code sort}, {@code offset} and {@code limit}.
 */
public record RunQuery(
        TaskType task,
        CellType cell,
        ClippingMode clipping,
        RunStatus status,
        String owner,
        String tag,
        String dataset,
        String text,
        LocalDate from,
        LocalDate to,
        Long experiment,
        RunSort sort,
        int offset,
        int limit) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    private static final Set<String> PARAMETERS = Set.of("task", "cell", "clipping", "status", "owner", "tag",
            "dataset", "q", "from", "to", "experiment", "sort", "offset", "limit");

    public RunQuery {
        sort = sort == null ? RunSort.NEWEST_FIRST : sort;
        owner = blankToNull(owner);
        tag = blankToNull(tag);
        dataset = blankToNull(dataset);
        text = blankToNull(text);
    }

    /** Every run, newest first, the first page. */
    public static RunQuery all() {
        return new RunQuery(null, null, null, null, null, null, null, null, null, null, null, RunSort.NEWEST_FIRST,
                0, DEFAULT_LIMIT);
    }

    /**
     * Reads URL parameters; unknown ones are refused, so that a misspelt filter does not silently
     * list every run.
     *
     * @throws InvalidSpecException naming the parameter and what it accepts
     */
    public static RunQuery parse(Map<String, String> parameters) {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new InvalidSpecException(name, "is not a filter of the runs list: use "
                        + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
        }
        LocalDate from = date(parameters, "from");
        LocalDate to = date(parameters, "to");
        if (from != null && to != null && to.isBefore(from)) {
            throw new InvalidSpecException("to", "is before from (" + from + ")");
        }
        int limit = whole(parameters, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidSpecException("limit", "must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        int offset = whole(parameters, "offset", 0);
        if (offset < 0) {
            throw new InvalidSpecException("offset", "must be 0 or more, not " + offset);
        }
        String experiment = parameters.get("experiment");
        return new RunQuery(
                choice(parameters, "task", TaskType.class),
                choice(parameters, "cell", CellType.class),
                choice(parameters, "clipping", ClippingMode.class),
                status(parameters.get("status")),
                parameters.get("owner"),
                parameters.get("tag"),
                parameters.get("dataset"),
                parameters.get("q"),
                from,
                to,
                experiment == null || experiment.isBlank() ? null : (long) whole(parameters, "experiment", 0),
                RunSort.parse(parameters.get("sort")),
                offset,
                limit);
    }

    /** The URL parameters of this query, leaving out what is at its default (the inverse of {@link #parse}). */
    public Map<String, String> toParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "task", task == null ? null : task.id());
        put(out, "cell", cell == null ? null : cell.id());
        put(out, "clipping", clipping == null ? null : clipping.id());
        put(out, "status", status == null ? null : status.name().toLowerCase(Locale.ROOT));
        put(out, "owner", owner);
        put(out, "tag", tag);
        put(out, "dataset", dataset);
        put(out, "q", text);
        put(out, "from", from == null ? null : from.toString());
        put(out, "to", to == null ? null : to.toString());
        put(out, "experiment", experiment == null ? null : experiment.toString());
        put(out, "sort", sort.equals(RunSort.NEWEST_FIRST) ? null : sort.text());
        put(out, "offset", offset == 0 ? null : Integer.toString(offset));
        put(out, "limit", limit == DEFAULT_LIMIT ? null : Integer.toString(limit));
        return out;
    }

    public RunQuery page(int newOffset, int newLimit) {
        return new RunQuery(task, cell, clipping, status, owner, tag, dataset, text, from, to, experiment, sort,
                newOffset, newLimit);
    }

    public RunQuery sortedBy(RunSort newSort) {
        return new RunQuery(task, cell, clipping, status, owner, tag, dataset, text, from, to, experiment, newSort,
                offset, limit);
    }

    private static void put(Map<String, String> out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static <E extends Enum<E> & Choice> E choice(Map<String, String> p, String name, Class<E> type) {
        String value = blankToNull(p.get(name));
        if (value == null) {
            return null;
        }
        return Choice.fromId(type, value).orElseThrow(() -> new InvalidSpecException(name, "'" + value
                + "' is not allowed: use " + Choice.idsOf(type)));
    }

    private static RunStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Optional<RunStatus> status = Arrays.stream(RunStatus.values())
                .filter(s -> s.name().equalsIgnoreCase(value.trim())).findFirst();
        return status.orElseThrow(() -> new InvalidSpecException("status", "'" + value + "' is not a status: use "
                + String.join(", ", Arrays.stream(RunStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT))
                        .toList())));
    }

    private static LocalDate date(Map<String, String> p, String name) {
        String value = blankToNull(p.get(name));
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidSpecException(name, "'" + value + "' is not a date: write it as 2026-11-30");
        }
    }

    private static int whole(Map<String, String> p, String name, int fallback) {
        String value = blankToNull(p.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidSpecException(name, "'" + value + "' is not a whole number");
        }
    }
}
