package com.seqplay.dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a translation upload: UTF-8 text, one {@code source<TAB>target} pair per line.
 *
 * <p>A byte-order mark is dropped, CRLF and LF endings are both accepted, blank lines are
 * skipped, columns after the second are ignored (so a spreadsheet export with a notes column
 * still loads), and each side is stripped of surrounding whitespace. Refused, with the line:
 * invalid UTF-8, a line without a tab, an empty side, a line longer than the limit; and a file
 * that is empty or has no pairs.
 */
public final class PairFileParser {

    /** Default longest line, in characters: far beyond any sentence a small RNN can translate. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 10_000;

    private final int maxLineLength;

    public PairFileParser() {
        this(DEFAULT_MAX_LINE_LENGTH);
    }

    public PairFileParser(int maxLineLength) {
        if (maxLineLength < 3) {
            throw new IllegalArgumentException("a pair needs at least 3 characters per line, got " + maxLineLength);
        }
        this.maxLineLength = maxLineLength;
    }

    /** Parses the whole upload; the file name only serves the error messages. */
    public List<SentencePair> parse(String fileName, byte[] content) {
        String text = Utf8Text.decode(fileName, content);
        if (text.isEmpty()) {
            throw new DatasetFormatException(fileName, "the file is empty");
        }
        List<String> lines = Utf8Text.lines(text);
        List<SentencePair> pairs = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i);
            if (line.length() > maxLineLength) {
                throw new DatasetFormatException(fileName, lineNumber, String.format(
                        "the line is %,d characters long; the limit is %,d", line.length(), maxLineLength));
            }
            if (line.isBlank()) {
                continue;
            }
            pairs.add(parseLine(fileName, lineNumber, line));
        }
        if (pairs.isEmpty()) {
            throw new DatasetFormatException(fileName, "the file has no pairs, only blank lines");
        }
        return pairs;
    }

    private static SentencePair parseLine(String fileName, int lineNumber, String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            throw new DatasetFormatException(fileName, lineNumber,
                    "there is no tab between the source and the target");
        }
        int secondTab = line.indexOf('\t', tab + 1);
        String source = line.substring(0, tab).strip();
        String target = (secondTab < 0 ? line.substring(tab + 1) : line.substring(tab + 1, secondTab)).strip();
        if (source.isEmpty()) {
            throw new DatasetFormatException(fileName, lineNumber, "the source side is empty");
        }
        if (target.isEmpty()) {
            throw new DatasetFormatException(fileName, lineNumber, "the target side is empty");
        }
        return new SentencePair(source, target);
    }
}
