package com.seqplay.dataset;

/**
 * An uploaded file that cannot be used, with a message a person can act on: it names the file,
 * the 1-based line where there is one, and the reason, e.g.
 * {@code dates.tsv line 17: the target side is empty}.
 *
 * <p>Unchecked, because a bad upload is answered once at the edge (a 400 from the REST API, a
 * notification in the UI) and every layer in between would only pass it on.
 */
public class DatasetFormatException extends RuntimeException {

    private final String fileName;
    private final int line;
    private final String reason;

    /** A problem with one line (1-based). */
    public DatasetFormatException(String fileName, int line, String reason) {
        super(fileName + " line " + line + ": " + reason);
        this.fileName = fileName;
        this.line = line;
        this.reason = reason;
    }

    /** A problem with the file as a whole (empty, too short, too many symbols...). */
    public DatasetFormatException(String fileName, String reason) {
        super(fileName + ": " + reason);
        this.fileName = fileName;
        this.line = 0;
        this.reason = reason;
    }

    /**
     * A problem stated as a sentence about the file, read as "{@code <file name> <predicate>}",
     * e.g. {@code corpus.txt has 80 characters; ...}.
     */
    public static DatasetFormatException sentence(String fileName, String predicate) {
        return new DatasetFormatException(fileName + " " + predicate, fileName, 0, predicate);
    }

    private DatasetFormatException(String message, String fileName, int line, String reason) {
        super(message);
        this.fileName = fileName;
        this.line = line;
        this.reason = reason;
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line, or 0 when the problem is not tied to a line. */
    public int line() {
        return line;
    }

    /** The reason alone, without the file name and line. */
    public String reason() {
        return reason;
    }
}
