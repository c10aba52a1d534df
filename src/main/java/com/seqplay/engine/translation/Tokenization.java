package com.seqplay.engine.translation;

import com.seqplay.metrics.Bleu;
import java.util.Arrays;
import java.util.List;

/** How a sentence is cut into the symbols the model reads and writes ({@code tokens} in a specification). */
public enum Tokenization {
    /** Every Unicode code point is a token, spaces included; the output is the tokens concatenated. */
    CHAR("char"),
    /** Runs of non-whitespace are tokens ({@link Bleu#tokenize}); the output joins them with single spaces. */
    WORD("word");

    private final String id;

    Tokenization(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Tokenization fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + id + "' is not a token kind: use char or word"));
    }

    public List<String> split(String text) {
        return switch (this) {
            case CHAR -> text.codePoints().mapToObj(Character::toString).toList();
            case WORD -> Bleu.tokenize(text);
        };
    }

    public String join(List<String> tokens) {
        return String.join(this == CHAR ? "" : " ", tokens);
    }

    /** The text as this tokenization would write it back: word tokens lose repeated and outer spaces. */
    public String normalize(String text) {
        return join(split(text));
    }
}
