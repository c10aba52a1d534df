package com.seqplay.engine.textgen;

import com.seqplay.dataset.CharVocabulary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a trained model's vocabulary beside its checkpoint: the symbols in index order, as
 * text. {@link CharVocabulary#of} sorts symbols, so reading the file back gives the same indices.
 */
public final class VocabularyFile {
    static final String FILE = "vocabulary.txt";

    private VocabularyFile() {}

    static void save(CharVocabulary vocab, Path dir) throws IOException {
        Files.writeString(dir.resolve(FILE), String.join("", vocab.symbols()), StandardCharsets.UTF_8);
    }

    public static CharVocabulary load(Path dir) throws IOException {
        return CharVocabulary.of(Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8));
    }
}
