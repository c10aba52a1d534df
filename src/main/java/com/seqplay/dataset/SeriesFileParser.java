package com.seqplay.dataset;

import com.seqplay.spec.MissingValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a forecasting upload: a delimited text file (CSV, or semicolon or tab separated) with one
 * observation per row.
 *
 * <ul>
 *   <li>The separator is sniffed from the first non-blank line: the most frequent of tab,
 *       semicolon and comma outside quotes (ties in that order, because a semicolon file with
 *       decimal commas has as many commas as semicolons). None: a single column.</li>
 *   <li>The value column is chosen by header name (case-insensitive), by 0-based index, or by
 *       default as the last column whose first non-empty data cell
 *       (among the first rows) is a number.</li>
 *   <li>The first row is a header when its cell in the value column is not a number.</li>
 *   <li>The date column is optional: by name, by index, or found by a header named date, time,
 *       datetime, timestamp, ds, day, week, month or period. Its text is kept as it is.</li>
 *   <li>With a semicolon or tab separator a decimal comma ({@code 3,5}) is read as 3.5; with a
 *       comma separator it cannot occur unquoted.</li>
 *   <li>Refused, naming the line: a row with fewer fields than the header (or first row), a
 *       value that is not a number, NaN and infinities, malformed quoting. Refused for the file:
 *       empty, or a header with no data rows.</li>
 *   <li>An empty value cell is a missing value. {@link MissingValues#REFUSE} (the default)
 *       refuses it, because silently invented data would change what the model learns;
 *       {@link MissingValues#INTERPOLATE} fills it on the straight line between its nearest
 *       known neighbours, and a gap at either end takes the nearest known value.</li>
 *   <li>Many series ({@link #parseAll}): in long format a series column names each row's series
 *       (rows of one series in time order, the series in the order they first appear); in wide
 *       format each of several value columns, or every numeric column but the date, is a series.
 *       Missing values are filled within each series.</li>
 * </ul>
 *
 * <p>Instances are immutable; the {@code with...} methods return configured copies.
 */
public final class SeriesFileParser {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity|infinite)");
    private static final Set<String> DATE_HEADERS =
            Set.of("date", "time", "datetime", "timestamp", "ds", "day", "week", "month", "period");
    /** How many data rows decide which column holds the values when none is named. */
    private static final int ROWS_TO_SNIFF = 10;

    private final String valueColumnName;
    private final Integer valueColumnIndex;
    private final String dateColumnName;
    private final Integer dateColumnIndex;
    private final MissingValues missingValues;
    /** Long format: the column naming each row's series (null: one series, or wide). */
    private final Column seriesColumn;
    /** Wide format: the value columns, one series each (null: one value column). */
    private final List<Column> valueColumns;
    /** Wide format: every numeric column except the date column is a series. */
    private final boolean everyNumericColumn;

    /**
     * A column named by its header (case-insensitive) or by its 0-based position.
     *
     * @param name the header, or null
     * @param index the 0-based position, or null
     */
    public record Column(String name, Integer index) {
        public static Column named(String name) {
            return new Column(requireName(name), null);
        }

        public static Column at(int index) {
            return new Column(null, requireIndex(index));
        }

        String describe() {
            return name != null ? "\"" + name + "\"" : Integer.toString(index + 1);
        }
    }

    /** Default settings: last numeric column, date column by header name, missing values refused. */
    public SeriesFileParser() {
        this(null, null, null, null, MissingValues.REFUSE, null, null, false);
    }

    private SeriesFileParser(String valueColumnName, Integer valueColumnIndex, String dateColumnName,
                             Integer dateColumnIndex, MissingValues missingValues, Column seriesColumn,
                             List<Column> valueColumns, boolean everyNumericColumn) {
        this.valueColumnName = valueColumnName;
        this.valueColumnIndex = valueColumnIndex;
        this.dateColumnName = dateColumnName;
        this.dateColumnIndex = dateColumnIndex;
        this.missingValues = missingValues;
        this.seriesColumn = seriesColumn;
        this.valueColumns = valueColumns;
        this.everyNumericColumn = everyNumericColumn;
    }

    /** Takes the values from the column with this header (which makes a header required). */
    public SeriesFileParser withValueColumn(String name) {
        return new SeriesFileParser(requireName(name), null, dateColumnName, dateColumnIndex, missingValues,
                seriesColumn, valueColumns, everyNumericColumn);
    }

    /** Takes the values from this 0-based column. */
    public SeriesFileParser withValueColumn(int index) {
        return new SeriesFileParser(null, requireIndex(index), dateColumnName, dateColumnIndex, missingValues,
                seriesColumn, valueColumns, everyNumericColumn);
    }

    /** Takes the dates from the column with this header. */
    public SeriesFileParser withDateColumn(String name) {
        return new SeriesFileParser(valueColumnName, valueColumnIndex, requireName(name), null, missingValues,
                seriesColumn, valueColumns, everyNumericColumn);
    }

    /** Takes the dates from this 0-based column. */
    public SeriesFileParser withDateColumn(int index) {
        return new SeriesFileParser(valueColumnName, valueColumnIndex, null, requireIndex(index), missingValues,
                seriesColumn, valueColumns, everyNumericColumn);
    }

    public SeriesFileParser withMissingValues(MissingValues policy) {
        return new SeriesFileParser(valueColumnName, valueColumnIndex, dateColumnName, dateColumnIndex,
                java.util.Objects.requireNonNull(policy, "policy"), seriesColumn, valueColumns, everyNumericColumn);
    }

    /**
     * Long format: each row belongs to the series named in this column (an id such as a store or a
     * product), with its value in the value column; rows of one series are taken in file order.
     */
    public SeriesFileParser withSeriesColumn(Column column) {
        return new SeriesFileParser(valueColumnName, valueColumnIndex, dateColumnName, dateColumnIndex, missingValues,
                java.util.Objects.requireNonNull(column, "column"), null, false);
    }

    /** Wide format: each of these columns is a series of its own (sharing the date column). */
    public SeriesFileParser withValueColumns(List<Column> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("name at least one value column");
        }
        return new SeriesFileParser(null, null, dateColumnName, dateColumnIndex, missingValues, null,
                List.copyOf(columns), false);
    }

    /** Wide format: every column whose first data cells are numbers, except the date column, is a series. */
    public SeriesFileParser withEveryNumericColumn() {
        return new SeriesFileParser(null, null, dateColumnName, dateColumnIndex, missingValues, null, null, true);
    }

    /** Whether this parser reads several series (long or wide format). */
    public boolean readsManySeries() {
        return seriesColumn != null || valueColumns != null || everyNumericColumn;
    }

    /**
     * Parses an upload of one series; the file name serves the error messages and names a
     * headerless series. A parser set up for many series refuses a file that holds more than one.
     */
    public Series parse(String fileName, byte[] content) {
        List<Series> all = parseAll(fileName, content);
        if (all.size() != 1) {
            throw new DatasetFormatException(fileName, "the file holds " + all.size() + " series where one was expected");
        }
        return all.get(0);
    }

    /**
     * Parses an upload of one or many series: long format with a series column, wide format with
     * several value columns, else the one series of {@link #parse}. The series come in the order
     * they first appear (long format) or in column order (wide format).
     */
    public List<Series> parseAll(String fileName, byte[] content) {
        String text = Utf8Text.decode(fileName, content);
        if (text.isBlank()) {
            throw new DatasetFormatException(fileName, "the file is empty");
        }
        char delimiter = sniffDelimiter(text);
        List<Row> rows = readRows(fileName, text, delimiter);
        if (rows.isEmpty()) {
            throw new DatasetFormatException(fileName, "the file is empty");
        }
        if (valueColumns != null || everyNumericColumn) {
            return parseWide(fileName, rows, delimiter);
        }
        Row first = rows.get(0);
        int idColumn = seriesColumn == null ? -1 : resolve(fileName, first, seriesColumn, "series");
        int valueColumn = chooseValueColumn(fileName, rows, delimiter, idColumn);
        boolean header = valueColumnName != null || (seriesColumn != null && seriesColumn.name() != null)
                || isHeaderCell(first.cell(valueColumn));
        List<Row> data = header ? rows.subList(1, rows.size()) : rows;
        if (data.isEmpty()) {
            throw new DatasetFormatException(fileName, "the file has a header line but no data rows");
        }
        int dateColumn = chooseDateColumn(fileName, first, header, valueColumn);
        checkWidths(fileName, first, header, data);
        if (idColumn < 0) {
            String name = header ? first.cell(valueColumn) : baseName(fileName);
            return List.of(column(fileName, name, data, first, header, valueColumn, dateColumn, delimiter));
        }
        // long format: the rows of each id, in the order the ids first appear
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : data) {
            String id = row.cell(idColumn);
            if (id.isEmpty()) {
                throw new DatasetFormatException(fileName, row.line(), "the series id in "
                        + columnLabel(first, header, idColumn) + " is empty");
            }
            groups.computeIfAbsent(id, k -> new ArrayList<>()).add(row);
        }
        List<Series> out = new ArrayList<>(groups.size());
        groups.forEach((id, group) ->
                out.add(column(fileName, id, group, first, header, valueColumn, dateColumn, delimiter)));
        return out;
    }

    /** Wide format: one series per value column; the file needs a header naming them, or they are "column n". */
    private List<Series> parseWide(String fileName, List<Row> rows, char delimiter) {
        Row first = rows.get(0);
        List<Integer> columns = new ArrayList<>();
        if (valueColumns != null) {
            for (Column c : valueColumns) {
                int index = resolve(fileName, first, c, "value");
                if (columns.contains(index)) {
                    throw new DatasetFormatException(fileName, first.line(), "the value column " + c.describe()
                            + " is named twice");
                }
                columns.add(index);
            }
        } else {
            List<Row> sample = rows.size() > 1 ? rows.subList(1, Math.min(rows.size(), 1 + ROWS_TO_SNIFF)) : rows;
            for (int column = 0; column < first.size(); column++) {
                if (numericColumn(sample, column, delimiter)) {
                    columns.add(column);
                }
            }
        }
        boolean header = isHeaderCell(first.cell(columns.isEmpty() ? 0 : columns.get(0)))
                || (valueColumns != null && valueColumns.stream().anyMatch(c -> c.name() != null));
        List<Row> data = header ? rows.subList(1, rows.size()) : rows;
        if (data.isEmpty()) {
            throw new DatasetFormatException(fileName, "the file has a header line but no data rows");
        }
        int dateColumn = chooseDateColumn(fileName, first, header, -1);
        columns.remove(Integer.valueOf(dateColumn));
        if (columns.isEmpty()) {
            throw new DatasetFormatException(fileName, data.get(0).line(), "no column besides the date holds numbers; "
                    + "name the value columns");
        }
        checkWidths(fileName, first, header, data);
        List<Series> out = new ArrayList<>(columns.size());
        Set<String> names = new java.util.HashSet<>();
        for (int column : columns) {
            String name = header ? first.cell(column) : "column " + (column + 1);
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw new DatasetFormatException(fileName, first.line(), "two value columns are both named \""
                        + name + "\"; series need different names");
            }
            out.add(column(fileName, name, data, first, header, column, dateColumn, delimiter));
        }
        return out;
    }

    private static void checkWidths(String fileName, Row first, boolean header, List<Row> data) {
        String widthSource = header ? "the header has " : "the first row has ";
        for (Row row : data) {
            if (row.size() < first.size()) {
                throw new DatasetFormatException(fileName, row.line(), "the row has " + row.size() + " field"
                        + (row.size() == 1 ? "" : "s") + " but " + widthSource + first.size());
            }
        }
    }

    /** One series: the value column of these rows, with its missing values handled and its dates. */
    private Series column(String fileName, String name, List<Row> data, Row first, boolean header, int valueColumn,
            int dateColumn, char delimiter) {
        double[] values = new double[data.size()];
        boolean[] missing = new boolean[data.size()];
        List<String> dates = dateColumn < 0 ? null : new ArrayList<>(data.size());
        String label = columnLabel(first, header, valueColumn);
        for (int i = 0; i < data.size(); i++) {
            Row row = data.get(i);
            String cell = row.cell(valueColumn);
            if (cell.isEmpty()) {
                if (missingValues == MissingValues.REFUSE) {
                    throw new DatasetFormatException(fileName, row.line(), "the value in " + label
                            + " is missing; fill it in, or choose interpolation of missing values");
                }
                missing[i] = true;
            } else {
                values[i] = parseValue(fileName, row.line(), cell, delimiter, label);
            }
            if (dates != null) {
                dates.add(row.cell(dateColumn));
            }
        }
        if (missingValues == MissingValues.INTERPOLATE) {
            interpolate(fileName, readsManySeries() ? "series \"" + name + "\"" : null, values, missing);
        }
        return new Series(name, values, dates);
    }

    /** The index of a named or numbered column, refused naming the header line when there is none. */
    private static int resolve(String fileName, Row first, Column column, String role) {
        if (column.name() != null) {
            int index = indexOfHeader(first, column.name());
            if (index < 0) {
                throw new DatasetFormatException(fileName, first.line(), "there is no " + role + " column named \""
                        + column.name() + "\"; the header has: " + String.join(", ", first.cells()));
            }
            return index;
        }
        if (column.index() >= first.size()) {
            throw new DatasetFormatException(fileName, first.line(), "the " + role + " column " + (column.index() + 1)
                    + " was asked for but the row has only " + first.size() + " column" + (first.size() == 1 ? "" : "s"));
        }
        return column.index();
    }

    // ---- reading ----

    /** A parsed record with its 1-based line in the file. */
    private record Row(int line, List<String> cells) {
        int size() {
            return cells.size();
        }

        String cell(int index) {
            return index < cells.size() ? cells.get(index) : "";
        }
    }

    private static List<Row> readRows(String fileName, String text, char delimiter) {
        int[] lineStarts = lineStarts(text);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setTrim(true)
                .get();
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new java.io.StringReader(text)).setFormat(format).get()) {
            try {
                for (CSVRecord record : parser) {
                    List<String> cells = record.toList();
                    if (cells.size() == 1 && cells.get(0).isEmpty()) {
                        continue; // a line of spaces only
                    }
                    rows.add(new Row(lineOf(lineStarts, record.getCharacterPosition()), cells));
                }
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new DatasetFormatException(fileName, (int) Math.max(1, parser.getCurrentLineNumber()),
                        "the line cannot be read as delimited text (" + rootMessage(e) + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return rows;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private static int[] lineStarts(String text) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int lineOf(int[] lineStarts, long position) {
        int index = Arrays.binarySearch(lineStarts, (int) position);
        return index >= 0 ? index + 1 : -index - 1;
    }

    static char sniffDelimiter(String text) {
        String firstLine = Utf8Text.lines(text).stream().filter(l -> !l.isBlank()).findFirst().orElse("");
        int tabs = 0;
        int semicolons = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < firstLine.length(); i++) {
            char c = firstLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == '\t') {
                    tabs++;
                } else if (c == ';') {
                    semicolons++;
                } else if (c == ',') {
                    commas++;
                }
            }
        }
        if (tabs > 0 && tabs >= semicolons && tabs >= commas) {
            return '\t';
        }
        if (semicolons > 0 && semicolons >= commas) {
            return ';';
        }
        return ',';
    }

    // ---- columns ----

    private int chooseValueColumn(String fileName, List<Row> rows, char delimiter, int idColumn) {
        Row first = rows.get(0);
        if (valueColumnName != null) {
            int index = indexOfHeader(first, valueColumnName);
            if (index < 0) {
                throw new DatasetFormatException(fileName, first.line(), "there is no column named \""
                        + valueColumnName + "\"; the header has: " + String.join(", ", first.cells()));
            }
            return index;
        }
        if (valueColumnIndex != null) {
            if (valueColumnIndex >= first.size()) {
                throw new DatasetFormatException(fileName, first.line(), "the value column " + (valueColumnIndex + 1)
                        + " was asked for but the row has only " + first.size() + " column"
                        + (first.size() == 1 ? "" : "s"));
            }
            return valueColumnIndex;
        }
        // Rows after the first are data whether or not the first is a header; with one row only, it
        // decides. A column counts as numeric when its first non-empty data cell is a number, so a
        // bad value further down is reported on its own line rather than hiding the column.
        List<Row> sample = rows.size() > 1 ? rows.subList(1, Math.min(rows.size(), 1 + ROWS_TO_SNIFF)) : rows;
        for (int column = first.size() - 1; column >= 0; column--) {
            if (column != idColumn && numericColumn(sample, column, delimiter)) {
                return column;
            }
        }
        if (rows.size() == 1) {
            throw new DatasetFormatException(fileName, "the file has a header line but no data rows");
        }
        Row firstData = sample.get(0);
        throw new DatasetFormatException(fileName, firstData.line(),
                "no column holds numbers (the row reads \"" + abbreviate(String.join(String.valueOf(delimiter),
                        firstData.cells())) + "\"); name the value column");
    }

    /** Whether the first non-empty cell of this column among the sample rows is a number. */
    private static boolean numericColumn(List<Row> sample, int column, char delimiter) {
        for (Row row : sample) {
            String cell = row.cell(column);
            if (!cell.isEmpty()) {
                return isNumber(cell, delimiter);
            }
        }
        return false;
    }

    private int chooseDateColumn(String fileName, Row first, boolean header, int valueColumn) {
        if (dateColumnName != null) {
            int index = header ? indexOfHeader(first, dateColumnName) : -1;
            if (index < 0) {
                throw new DatasetFormatException(fileName, first.line(), "there is no column named \""
                        + dateColumnName + "\"" + (header ? "; the header has: " + String.join(", ", first.cells())
                        : " (the file has no header)"));
            }
            return index;
        }
        if (dateColumnIndex != null) {
            if (dateColumnIndex >= first.size()) {
                throw new DatasetFormatException(fileName, first.line(), "the date column " + (dateColumnIndex + 1)
                        + " was asked for but the row has only " + first.size() + " columns");
            }
            return dateColumnIndex;
        }
        if (header) {
            for (int i = 0; i < first.size(); i++) {
                if (i != valueColumn && DATE_HEADERS.contains(first.cell(i).toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int indexOfHeader(Row header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.cell(i).equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        return -1;
    }

    private static String columnLabel(Row first, boolean header, int column) {
        return "column " + (column + 1) + (header ? " (\"" + first.cell(column) + "\")" : "");
    }

    // ---- values ----

    /** A header cell is text that is neither a number, nor NaN or infinity, nor empty. */
    private static boolean isHeaderCell(String cell) {
        return !cell.isEmpty() && !NUMBER.matcher(cell).matches() && !DECIMAL_COMMA.matcher(cell).matches()
                && !NOT_FINITE.matcher(cell).matches();
    }

    private static boolean isNumber(String cell, char delimiter) {
        return NUMBER.matcher(cell).matches() || (delimiter != ',' && DECIMAL_COMMA.matcher(cell).matches());
    }

    private static double parseValue(String fileName, int line, String cell, char delimiter, String column) {
        if (NOT_FINITE.matcher(cell).matches()) {
            throw new DatasetFormatException(fileName, line, column + " holds \"" + cell
                    + "\"; NaN and infinite values are not allowed (leave the cell empty to mark a missing value)");
        }
        String text = cell;
        if (delimiter != ',' && DECIMAL_COMMA.matcher(cell).matches()) {
            text = cell.replace(',', '.');
        }
        if (!NUMBER.matcher(text).matches()) {
            throw new DatasetFormatException(fileName, line, column + ": \"" + abbreviate(cell) + "\" is not a number");
        }
        double value = Double.parseDouble(text);
        if (!Double.isFinite(value)) {
            throw new DatasetFormatException(fileName, line, column + ": \"" + abbreviate(cell)
                    + "\" is too large to be a finite number");
        }
        return value;
    }

    /** @param series names the series in the message when the file holds several, else null */
    private static void interpolate(String fileName, String series, double[] values, boolean[] missing) {
        int previous = -1;
        for (int i = 0; i <= values.length; i++) {
            if (i < values.length && missing[i]) {
                continue;
            }
            // (previous, i) is a run of missing values between known ones (or the ends).
            if (i - previous > 1) {
                if (previous < 0 && i == values.length) {
                    throw new DatasetFormatException(fileName, "every value" + (series == null ? "" : " of " + series)
                            + " is missing");
                }
                for (int j = previous + 1; j < i; j++) {
                    if (previous < 0) {
                        values[j] = values[i];
                    } else if (i == values.length) {
                        values[j] = values[previous];
                    } else {
                        double fraction = (double) (j - previous) / (i - previous);
                        values[j] = values[previous] + fraction * (values[i] - values[previous]);
                    }
                }
            }
            previous = i;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static String baseName(String fileName) {
        String name = fileName.replaceAll(".*[/\\\\]", "");
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a column name must not be blank");
        }
        return name;
    }

    private static int requireIndex(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a column index must not be negative, got " + index);
        }
        return index;
    }
}
