package com.seqplay.dataset;

/**
 * Reads a text-generation upload: UTF-8 plain text. A byte-order mark is dropped and line ends
 * are normalised to LF (CRLF, and a lone CR from old Mac files), so that the model does not
 * spend a symbol on invisible carriage returns. Refused: invalid UTF-8 (naming the line), an
 * empty or whitespace-only file, and more distinct characters than the limit (each one becomes
 * an input and an output unit of the network, so a stray alphabet can balloon the model).
 */
public final class TextFileParser {

    /** Default limit on distinct characters: plenty for any one language with punctuation. */
    public static final int DEFAULT_VOCABULARY_LIMIT = 200;

    private final int vocabularyLimit;

    public TextFileParser() {
        this(DEFAULT_VOCABULARY_LIMIT);
    }

    public TextFileParser(int vocabularyLimit) {
        if (vocabularyLimit < 2) {
            throw new IllegalArgumentException("a vocabulary needs at least 2 symbols, got " + vocabularyLimit);
        }
        this.vocabularyLimit = vocabularyLimit;
    }

    public TextCorpus parse(String fileName, byte[] content) {
        String text = Utf8Text.decode(fileName, content)
                .replace("\r\n", "\n")
                .replace('\r', '\n');
        if (text.isEmpty()) {
            throw new DatasetFormatException(fileName, "the file is empty");
        }
        if (text.isBlank()) {
            throw new DatasetFormatException(fileName, "the file contains only whitespace");
        }
        TextCorpus corpus = new TextCorpus(fileName, text);
        int distinct = corpus.vocabulary().size();
        if (distinct > vocabularyLimit) {
            throw new DatasetFormatException(fileName, String.format(
                    "%,d distinct characters, the limit is %,d", distinct, vocabularyLimit));
        }
        return corpus;
    }
}
