package com.seqplay.engine.translation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;

class SequenceArraysTest {

    /** The id at each step of row {@code row} of a one-hot [n, vocabulary, T] array, -1 where none is set. */
    private static int[] ids(INDArray oneHot, int row) {
        int[] out = new int[(int) oneHot.size(2)];
        for (int t = 0; t < out.length; t++) {
            out[t] = -1;
            for (int v = 0; v < oneHot.size(1); v++) {
                if (oneHot.getDouble(row, v, t) == 1.0) {
                    out[t] = v;
                }
            }
        }
        return out;
    }

    @Test
    void batchRowsGoByFallingSourceLengthWithTheirTargetsAndMasks() {
        List<EncodedPair> pairs = List.of(
                new EncodedPair(null, new int[]{4}, new int[]{5, 6, 7}),
                new EncodedPair(null, new int[]{4, 5, 6}, new int[]{5}),
                new EncodedPair(null, new int[]{6, 6}, new int[]{6, 6}),
                new EncodedPair(null, new int[]{7, 7, 7}, new int[]{7, 4}));
        MultiDataSet batch = SequenceArrays.batch(pairs, 8, 8);

        // longest sources first; the two of length 3 keep their order
        assertArrayEquals(new int[]{4, 5, 6}, ids(batch.getFeatures(0), 0));
        assertArrayEquals(new int[]{7, 7, 7}, ids(batch.getFeatures(0), 1));
        assertArrayEquals(new int[]{6, 6, -1}, ids(batch.getFeatures(0), 2));
        assertArrayEquals(new int[]{4, -1, -1}, ids(batch.getFeatures(0), 3));
        // each row's decoder input, labels and masks belong to the same pair
        int bos = Vocabulary.BOS_ID;
        int eos = Vocabulary.EOS_ID;
        assertArrayEquals(new int[]{bos, 5, -1, -1}, ids(batch.getFeatures(1), 0));
        assertArrayEquals(new int[]{5, eos, -1, -1}, ids(batch.getLabels(0), 0));
        assertArrayEquals(new int[]{bos, 5, 6, 7}, ids(batch.getFeatures(1), 3));
        assertArrayEquals(new int[]{5, 6, 7, eos}, ids(batch.getLabels(0), 3));
        assertEquals(1.0, batch.getFeaturesMaskArray(0).getDouble(2, 1));
        assertEquals(0.0, batch.getFeaturesMaskArray(0).getDouble(2, 2));
        assertEquals(2.0, batch.getLabelsMaskArray(0).getRow(0).sumNumber().doubleValue());
        assertEquals(4.0, batch.getLabelsMaskArray(0).getRow(3).sumNumber().doubleValue());
    }
}
