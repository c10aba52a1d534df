package com.seqplay.dataset.builtin;

/** The built-in text corpora, by dataset name, generated from the run's seed. */
public final class BuiltinTexts {
    public static final int DEFAULT_REACH = 6;

    private BuiltinTexts() {}

    /**
     * @param reach how far back the model must look: words between subject and verb for
     *     {@code agreement}, maximum nesting depth for {@code brackets}
     */
    public static String load(String dataset, int size, long seed, int reach) {
        return switch (dataset) {
            case "builtin:agreement" -> AgreementCorpus.text(size, seed, Math.min(reach, AgreementCorpus.MAX_REACH))
                    .substring(0, size);
            case "builtin:brackets" -> BracketCorpus.text(size, seed, Math.min(reach, BracketCorpus.MAX_DEPTH))
                    .substring(0, size);
            default -> throw new IllegalArgumentException("dataset '" + dataset + "' is not a built-in text corpus; use "
                    + "builtin:agreement or builtin:brackets");
        };
    }
}
