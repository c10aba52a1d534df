package com.seqplay.engine.textgen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/** The characters a language model knows, each with its one-hot index. */
public final class CharVocabulary {
    public static final String FILE = "vocabulary.txt";
    private final char[] chars;
    private final Map<Character, Integer> index = new HashMap<>();

    public CharVocabulary(String chars) {
        this.chars = chars.toCharArray();
        for (int i = 0; i < this.chars.length; i++) {
            index.put(this.chars[i], i);
        }
    }

    public static CharVocabulary of(String text) {
        var set = new TreeSet<Character>();
        for (char c : text.toCharArray()) {
            set.add(c);
        }
        var sb = new StringBuilder();
        set.forEach(sb::append);
        return new CharVocabulary(sb.toString());
    }

    public int size() {
        return chars.length;
    }

    public char charAt(int i) {
        return chars[i];
    }

    /** Index of a character, or -1 when the model never saw it. */
    public int indexOf(char c) {
        return index.getOrDefault(c, -1);
    }

    public int[] encode(String text) {
        int[] out = new int[text.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = indexOf(text.charAt(i));
        }
        return out;
    }

    public void save(Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), new String(chars), StandardCharsets.UTF_8);
    }

    public static CharVocabulary load(Path dir) throws IOException {
        return new CharVocabulary(Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8));
    }
}
