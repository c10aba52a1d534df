package com.seqplay.dataset.builtin;

import java.util.Random;

/** The built-in text corpora, by dataset name. */
public final class BuiltinTexts {
    private BuiltinTexts() {}

    public static String load(String dataset, int size, long seed) {
        // Temporary generator until the corpus generators land.
        Random r = new Random(seed);
        String[] nouns = {"dog", "cat", "bird", "child"};
        String[] verbs = {"runs", "sleeps", "sings", "waits"};
        var sb = new StringBuilder();
        while (sb.length() < size) {
            int n = r.nextInt(nouns.length);
            sb.append("the ").append(nouns[n]).append(' ').append(verbs[n]).append(" . ");
        }
        return sb.substring(0, size);
    }
}
