package com.seqplay.engine.translation;

import com.seqplay.dataset.PairFileParser;
import com.seqplay.dataset.SentencePair;
import com.seqplay.dataset.builtin.DatePairs;
import com.seqplay.dataset.builtin.NumberWords;
import com.seqplay.engine.TrainingContext;
import com.seqplay.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The pairs a run trains on: an uploaded tab-separated file when the run has one, else a generated set. */
final class TranslationData {
    static final String DATES = "builtin:dates";
    static final String NUMBERS = "builtin:numbers";

    private TranslationData() {}

    static List<SentencePair> load(TrainingContext ctx) throws IOException {
        if (ctx.datasetFile().isPresent()) {
            Path file = ctx.datasetFile().get();
            return new PairFileParser().parse(file.getFileName().toString(), Files.readAllBytes(file));
        }
        RunSpec spec = ctx.spec();
        return switch (spec.dataset()) {
            case DATES -> DatePairs.generate(spec.translation().builtinSize(), spec.seed());
            case NUMBERS -> NumberWords.generate(spec.translation().builtinSize(), spec.seed());
            default -> throw new IllegalArgumentException("'" + spec.dataset()
                    + "' is not a built-in translation dataset (" + DATES + ", " + NUMBERS
                    + ") and the run was given no dataset file");
        };
    }
}
