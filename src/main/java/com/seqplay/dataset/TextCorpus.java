package com.seqplay.dataset;

import java.util.Objects;

/** A text-generation corpus: normalised text (LF line ends, no byte-order mark) and its characters. */
public final class TextCorpus {

    private final String fileName;
    private final String text;
    private final int length;
    private final CharVocabulary vocabulary;

    public TextCorpus(String fileName, String text) {
        this.fileName = Objects.requireNonNull(fileName, "fileName");
        this.text = Objects.requireNonNull(text, "text");
        this.length = text.codePointCount(0, text.length());
        this.vocabulary = CharVocabulary.of(text);
    }

    public String fileName() {
        return fileName;
    }

    public String text() {
        return text;
    }

    /** Length in characters (code points). */
    public int length() {
        return length;
    }

    public CharVocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Requires room for one training example: {@code sequenceLength} input characters plus the
     * one character after them that the model must predict.
     *
     * @throws DatasetFormatException e.g. "corpus.txt has 80 characters; a sequence of 100 plus
     *         one target needs at least 101"
     */
    public void requireMinLength(int sequenceLength) {
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("the sequence length must be at least 1, got " + sequenceLength);
        }
        long needed = sequenceLength + 1L;
        if (length < needed) {
            throw DatasetFormatException.sentence(fileName, String.format(
                    "has %,d characters; a sequence of %,d plus one target needs at least %,d",
                    length, sequenceLength, needed));
        }
    }
}
