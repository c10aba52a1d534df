package com.seqplay.spec;

/** How translation cuts sentences into tokens. */
public enum TokenKind implements Choice {
    CHAR("char", "Characters"),
    WORD("word", "Words");

    private final String id;
    private final String label;

    TokenKind(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    public static java.util.Optional<TokenKind> fromId(String id) {
        return Choice.fromId(TokenKind.class, id);
    }
}
