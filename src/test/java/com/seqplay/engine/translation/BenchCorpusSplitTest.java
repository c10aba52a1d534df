package com.seqplay.engine.translation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.seqplay.dataset.SentencePair;
import com.seqplay.dataset.builtin.DatePairs;
import com.seqplay.engine.bench.TranslationBenchmark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The corpus file the PyTorch twin reads holds the pairs and split the translation trainer uses. */
class BenchCorpusSplitTest {

    @Test
    void corpusFileSplitsThePairsAsTheTrainerDoes(@TempDir Path dir) throws Exception {
        var config = new TranslationBenchmark.Config(500, 1, 7);
        Path file = dir.resolve("corpus.tsv");
        TranslationBenchmark.writeCorpus(config, file);
        List<SentencePair> train = new ArrayList<>();
        List<SentencePair> validation = new ArrayList<>();
        List<SentencePair> test = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            assertEquals(3, f.length, line);
            var pair = new SentencePair(f[1], f[2]);
            switch (f[0]) {
                case "train" -> train.add(pair);
                case "validation" -> validation.add(pair);
                case "test" -> test.add(pair);
                default -> throw new AssertionError("unknown part in " + line);
            }
        }
        DataSplit expected = DataSplit.of(DatePairs.generate(500, 7), 7);
        assertEquals(expected.train(), train);
        assertEquals(expected.validation(), validation);
        assertEquals(expected.test(), test);
    }
}
