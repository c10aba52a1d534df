package com.seqplay.run.history;

import com.seqplay.spec.InvalidSpecException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The order of a runs list: a column and a direction. Written {@code best} or {@code -best}
 * (descending) in a URL. Runs without a value in the column (no best metric yet) always come
 * last, whichever the direction, and runs with equal values newest first.
 */
public record RunSort(Column column, boolean descending) {
    public static final RunSort NEWEST_FIRST = new RunSort(Column.ID, true);

    /** The sortable columns, by the name a URL uses. */
    public enum Column {
        ID("id", "r.id"),
        NAME("name", "lower(r.name)"),
        TASK("task", "r.task"),
        CELL("cell", "r.cell"),
        CLIPPING("clipping", "r.clipping"),
        DATASET("dataset", "r.dataset"),
        STATUS("status", "r.status"),
        OWNER("owner", "r.owner"),
        SEED("seed", "r.seed"),
        CREATED("created", "r.created_at"),
        DURATION("duration", "datediff('MILLISECOND', r.started_at, r.finished_at)"),
        /** The best value the task's main metric reached (bpc, bleu, mase or accuracy). */
        BEST("best", "r.best_metric");

        private final String id;
        private final String sql;

        Column(String id, String sql) {
            this.id = id;
            this.sql = sql;
        }

        public String id() {
            return id;
        }

        String sql() {
            return sql;
        }

        static String ids() {
            return Arrays.stream(values()).map(Column::id).collect(Collectors.joining(", "));
        }
    }

    /**
     * @throws InvalidSpecException naming {@code sort} for a column that does not exist
     */
    public static RunSort parse(String text) {
        if (text == null || text.isBlank()) {
            return NEWEST_FIRST;
        }
        String t = text.trim();
        boolean descending = t.startsWith("-");
        String name = descending ? t.substring(1) : t;
        Column column = Arrays.stream(Column.values()).filter(c -> c.id.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidSpecException("sort", "'" + name + "' is not a column: use one of "
                        + Column.ids() + ", with - in front for descending"));
        return new RunSort(column, descending);
    }

    /** The URL form: {@code best} or {@code -best}. */
    public String text() {
        return (descending ? "-" : "") + column.id;
    }

    String orderBy() {
        return column.sql() + (descending ? " desc" : " asc") + " nulls last, r.id desc";
    }
}
