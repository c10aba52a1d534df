package com.seqplay.engine.memory;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * How a network answers a set of questions: the mean cross-entropy in nats (the training loss's
 * measure) and the share answered right, with the probabilities behind each answer.
 */
record MemoryScores(double loss, double accuracy, float[][] probabilities) {
    /** Sequences are scored in batches of this size (inference only). */
    private static final int EVAL_BATCH = 512;
    /** Keeps the log of a probability that rounds to zero finite. */
    private static final double TINY = 1e-12;

    static MemoryScores of(MultiLayerNetwork net, DataSet data) {
        int n = data.numExamples();
        float[][] probabilities = new float[n][];
        double loss = 0;
        int right = 0;
        int i = 0;
        for (DataSet batch : data.batchBy(EVAL_BATCH)) {
            INDArray out = net.output(batch.getFeatures(), false);
            float[][] rows = out.toFloatMatrix();
            int[] truth = batch.getLabels().argMax(1).toIntVector();
            for (int r = 0; r < rows.length; r++, i++) {
                probabilities[i] = rows[r];
                loss -= Math.log(Math.max(rows[r][truth[r]], TINY));
                if (argMax(rows[r]) == truth[r]) {
                    right++;
                }
            }
        }
        return new MemoryScores(loss / n, (double) right / n, probabilities);
    }

    /** The answer to question {@code i}: the most probable symbol. */
    int answer(int i) {
        return argMax(probabilities[i]);
    }

    static int argMax(float[] values) {
        int best = 0;
        for (int k = 1; k < values.length; k++) {
            if (values[k] > values[best]) {
                best = k;
            }
        }
        return best;
    }
}
