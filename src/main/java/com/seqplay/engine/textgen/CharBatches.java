package com.seqplay.engine.textgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Cuts an encoded text into next-character training examples: the input is a window of
 * characters, the label at each step is the character that follows. Windows do not overlap, and
 * their order is shuffled every epoch from the run's seed.
 */
final class CharBatches {
    private final int[] text;
    private final int vocabSize;
    private final int length;
    private final int batchSize;
    private final List<Integer> starts = new ArrayList<>();

    CharBatches(int[] text, int vocabSize, int length, int batchSize) {
        this.text = text;
        this.vocabSize = vocabSize;
        this.length = length;
        this.batchSize = batchSize;
        for (int s = 0; s + length + 1 <= text.length; s += length) {
            starts.add(s);
        }
    }

    int examples() {
        return starts.size();
    }

    int batchesPerEpoch() {
        return (starts.size() + batchSize - 1) / batchSize;
    }

    List<DataSet> epoch(Random random) {
        List<Integer> order = new ArrayList<>(starts);
        java.util.Collections.shuffle(order, random);
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += batchSize) {
            batches.add(batch(order.subList(from, Math.min(order.size(), from + batchSize))));
        }
        return batches;
    }

    /** All windows in text order, in batches: for measuring held-out loss. */
    List<DataSet> inOrder() {
        List<DataSet> batches = new ArrayList<>();
        for (int from = 0; from < starts.size(); from += batchSize) {
            batches.add(batch(starts.subList(from, Math.min(starts.size(), from + batchSize))));
        }
        return batches;
    }

    private DataSet batch(List<Integer> windowStarts) {
        int mb = windowStarts.size();
        INDArray features = Nd4j.zeros(DataType.FLOAT, mb, vocabSize, length);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, mb, vocabSize, length);
        for (int i = 0; i < mb; i++) {
            int s = windowStarts.get(i);
            for (int t = 0; t < length; t++) {
                features.putScalar(new int[] {i, text[s + t], t}, 1f);
                labels.putScalar(new int[] {i, text[s + t + 1], t}, 1f);
            }
        }
        return new DataSet(features, labels);
    }
}
