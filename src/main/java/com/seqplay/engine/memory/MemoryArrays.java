package com.seqplay.engine.memory;

import com.seqplay.task.memory.MemoryProbe;
import com.seqplay.task.memory.MemoryProbe.Sequence;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Memory probe sequences as DL4J arrays: one-hot tokens [n, vocabulary, time], one-hot answers [n, alphabet]. */
final class MemoryArrays {
    private MemoryArrays() {}

    static DataSet dataSet(MemoryProbe probe, List<Sequence> sequences) {
        return new DataSet(features(probe, sequences), answers(probe, sequences));
    }

    static INDArray features(MemoryProbe probe, List<Sequence> sequences) {
        int vocab = probe.vocabularySize();
        int length = probe.length();
        float[] data = new float[sequences.size() * vocab * length];
        for (int i = 0; i < sequences.size(); i++) {
            int[] tokens = sequences.get(i).tokens();
            for (int t = 0; t < length; t++) {
                data[(i * vocab + tokens[t]) * length + t] = 1f;
            }
        }
        return Nd4j.create(data, new long[] {sequences.size(), vocab, length}, 'c');
    }

    static INDArray answers(MemoryProbe probe, List<Sequence> sequences) {
        float[] data = new float[sequences.size() * probe.alphabet()];
        for (int i = 0; i < sequences.size(); i++) {
            data[i * probe.alphabet() + sequences.get(i).answer()] = 1f;
        }
        return Nd4j.create(data, new long[] {sequences.size(), probe.alphabet()}, 'c');
    }
}
