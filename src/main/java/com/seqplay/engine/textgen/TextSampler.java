package com.seqplay.engine.textgen;

import com.seqplay.dataset.CharVocabulary;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Generates text one character at a time, carrying the recurrent state from step to step with
 * {@code rnnTimeStep}: the hidden state is the model's whole memory of what came before.
 */
public final class TextSampler {
    private final MultiLayerNetwork net;
    private final CharVocabulary vocab;

    public TextSampler(MultiLayerNetwork net, CharVocabulary vocab) {
        this.net = net;
        this.vocab = vocab;
    }

    /**
     * @param temperature below 1 sharpens the distribution, above 1 flattens it
     * @param topK sample only among the k likeliest characters; 0 means all
     */
    public String sample(String prompt, int length, double temperature, int topK, Random random) {
        net.rnnClearPreviousState();
        INDArray probs = null;
        for (int c : prompt.codePoints().toArray()) {
            int i = vocab.indexOf(c);
            if (i >= 0) {
                probs = net.rnnTimeStep(oneHot(i));
            }
        }
        if (probs == null) {
            probs = Nd4j.ones(DataType.FLOAT, 1, vocab.size()).divi(vocab.size());
        }
        var out = new StringBuilder();
        for (int n = 0; n < length; n++) {
            int next = pick(probs.reshape(vocab.size()).toDoubleVector(), temperature, topK, random);
            out.appendCodePoint(vocab.codePoint(next));
            probs = net.rnnTimeStep(oneHot(next));
        }
        net.rnnClearPreviousState();
        return out.toString();
    }

    private INDArray oneHot(int index) {
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, vocab.size());
        x.putScalar(0, index, 1f);
        return x;
    }

    static int pick(double[] p, double temperature, int topK, Random random) {
        double[] w = new double[p.length];
        double cutoff = 0;
        if (topK > 0 && topK < p.length) {
            double[] sorted = p.clone();
            java.util.Arrays.sort(sorted);
            cutoff = sorted[p.length - topK];
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            w[i] = p[i] >= cutoff && p[i] > 0 ? Math.exp(Math.log(p[i]) / temperature) : 0;
            sum += w[i];
        }
        double r = random.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            r -= w[i];
            if (r <= 0 && w[i] > 0) {
                return i;
            }
        }
        return argmax(p);
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }
}
