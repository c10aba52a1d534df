package com.seqplay.engine.textgen;

/**
 * The two simplest language models a network must beat: every character equally likely
 * (log2 V bits), and each character with its training-text frequency (add-one smoothed).
 */
final class UnigramBaseline {
    private UnigramBaseline() {}

    static double uniformBpc(int vocabSize) {
        return Math.log(vocabSize) / Math.log(2);
    }

    static double unigramBpc(int[] train, int[] heldOut, int vocabSize) {
        double[] counts = new double[vocabSize];
        java.util.Arrays.fill(counts, 1.0);
        for (int c : train) {
            counts[c]++;
        }
        double total = train.length + vocabSize;
        double bits = 0;
        for (int c : heldOut) {
            bits -= Math.log(counts[c] / total) / Math.log(2);
        }
        return bits / heldOut.length;
    }
}
