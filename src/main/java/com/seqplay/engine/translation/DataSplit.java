package com.seqplay.engine.translation;

import com.seqplay.task.translation.TranslationTask;
import com.seqplay.dataset.SentencePair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Training, validation and test pairs: the pairs are shuffled with the run's seed, then 10% (at least
 * one pair) go to validation, 10% (at least one) to test and the rest to training. Validation picks
 * the best epoch and drives early stopping; the test pairs are only used once, for the final result.
 * Duplicate pairs in the data are not removed, so a repeated pair can land on both sides.
 */
record DataSplit(List<SentencePair> train, List<SentencePair> validation, List<SentencePair> test) {
    static DataSplit of(List<SentencePair> pairs, long seed) {
        int n = pairs.size();
        int heldOut = TranslationTask.heldOutPairs(n);
        if (n - 2 * heldOut < 1) {
            throw new IllegalArgumentException("the dataset has " + n
                    + " pairs; translation needs at least 3 (training, validation and test)");
        }
        List<SentencePair> shuffled = new ArrayList<>(pairs);
        Collections.shuffle(shuffled, new Random(seed));
        return new DataSplit(
                List.copyOf(shuffled.subList(2 * heldOut, n)),
                List.copyOf(shuffled.subList(0, heldOut)),
                List.copyOf(shuffled.subList(heldOut, 2 * heldOut)));
    }
}
