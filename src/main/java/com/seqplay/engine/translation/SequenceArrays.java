package com.seqplay.engine.translation;

import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Token ids to DL4J's recurrent layout [batch, vocabulary, time]: one-hot vectors, zero past the
 * end of a shorter sequence, and masks [batch, time] that are 1 on real steps and 0 on padding.
 */
final class SequenceArrays {
    private SequenceArrays() {}

    static int maxLength(int[][] sequences) {
        int max = 0;
        for (int[] s : sequences) {
            max = Math.max(max, s.length);
        }
        return max;
    }

    /** Negative ids stay all-zero (used for steps that carry no token). */
    static INDArray oneHot(int[][] ids, int vocabulary, int length) {
        float[] data = new float[ids.length * vocabulary * length];
        for (int i = 0; i < ids.length; i++) {
            for (int t = 0; t < ids[i].length && t < length; t++) {
                int v = ids[i][t];
                if (v >= 0) {
                    data[(i * vocabulary + v) * length + t] = 1f;
                }
            }
        }
        return floats(data, ids.length, vocabulary, length);
    }

    static INDArray mask(int[][] ids, int length) {
        float[] data = new float[ids.length * length];
        for (int i = 0; i < ids.length; i++) {
            for (int t = 0; t < Math.min(length, ids[i].length); t++) {
                data[i * length + t] = 1f;
            }
        }
        return floats(data, ids.length, length);
    }

    /**
     * A new 'c'-ordered float array holding {@code data}, copied in one bulk copy: {@code Nd4j.create}
     * from a Java array copies element by element, which was 1.3% of a translation training iteration.
     */
    private static INDArray floats(float[] data, long... shape) {
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        if (data.length > 0) {
            array.data().asNioFloat().put(data);
        }
        return array;
    }

    /** &lt;s&gt; followed by the target: what the decoder reads under teacher forcing. */
    static int[] decoderInput(int[] target) {
        int[] in = new int[target.length + 1];
        in[0] = Vocabulary.BOS_ID;
        System.arraycopy(target, 0, in, 1, target.length);
        return in;
    }

    /** The target followed by &lt;/s&gt;: what the decoder must predict at each step. */
    static int[] decoderLabels(int[] target) {
        int[] out = new int[target.length + 1];
        System.arraycopy(target, 0, out, 0, target.length);
        out[target.length] = Vocabulary.EOS_ID;
        return out;
    }

    /**
     * A teacher-forced training batch, padded to its longest source and target. Its rows are the
     * pairs ordered by falling source length (ties in their given order): the recurrent layers then
     * skip the padding at the end of each step's rows (see the fused layers' idle rows), as a packed
     * sequence would. A batch's loss is a sum over its rows, so their order changes nothing else.
     */
    static MultiDataSet batch(List<EncodedPair> pairs, int sourceVocabulary, int targetVocabulary) {
        pairs = pairs.stream().sorted(Comparator.comparingInt((EncodedPair p) -> -p.source().length)).toList();
        int n = pairs.size();
        int[][] sources = new int[n][];
        int[][] inputs = new int[n][];
        int[][] labels = new int[n][];
        for (int i = 0; i < n; i++) {
            sources[i] = pairs.get(i).source();
            inputs[i] = decoderInput(pairs.get(i).target());
            labels[i] = decoderLabels(pairs.get(i).target());
        }
        int sourceLength = maxLength(sources);
        int targetLength = maxLength(inputs);
        INDArray decoderMask = mask(inputs, targetLength);
        return new MultiDataSet(
                new INDArray[] {oneHot(sources, sourceVocabulary, sourceLength), oneHot(inputs, targetVocabulary, targetLength)},
                new INDArray[] {oneHot(labels, targetVocabulary, targetLength)},
                new INDArray[] {mask(sources, sourceLength), decoderMask},
                new INDArray[] {decoderMask});
    }
}
