package com.seqplay.engine.memory;

import com.seqplay.engine.Checkpoints;
import com.seqplay.spec.MemoryOptions;
import com.seqplay.task.memory.MemoryProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Asks a trained memory probe: the symbols to remember in, the gap filled with random distractor
 * tokens, the answer out. A DL4J network is not thread-safe: callers serialise calls.
 */
public final class MemoryModel {
    /** Longest gap one question may ask about (the specification's own limit). */
    public static final int MAX_DISTRACTORS = 1000;

    private final MultiLayerNetwork net;
    private final MemoryProbe probe;

    MemoryModel(MultiLayerNetwork net, MemoryProbe probe) {
        this.net = net;
        this.probe = probe;
    }

    /** Loads the best checkpoint of a memory run trained with these options. */
    public static MemoryModel load(MemoryOptions options, Path runDir) throws IOException {
        Path model = runDir.resolve(Checkpoints.MODEL_FILE);
        if (!Files.exists(model)) {
            throw new IOException(runDir + " holds no trained memory model (" + Checkpoints.MODEL_FILE + ")");
        }
        return new MemoryModel(ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false), MemoryProbe.of(options));
    }

    /** The gap the model was trained across. */
    public int trainedDistractors() {
        return probe.distractors();
    }

    /**
     * @param symbols the symbols to remember as the run page shows them, for example "C A F"
     * @param distractors the gap to ask across (the trained one or any other up to {@value #MAX_DISTRACTORS})
     * @param seed draws the distractor tokens (they carry no information; the seed makes an answer repeatable)
     * @throws IllegalArgumentException naming the unknown symbol, the wrong count or the gap out of range
     */
    public MemoryAnswer answer(String symbols, int distractors, long seed) {
        if (distractors < 0 || distractors > MAX_DISTRACTORS) {
            throw new IllegalArgumentException("the number of distractors must be between 0 and " + MAX_DISTRACTORS
                    + ", not " + distractors);
        }
        MemoryProbe asked = probe.withDistractors(distractors);
        MemoryProbe.Sequence question = asked.sequence(asked.parseSymbols(symbols), new Random(seed));
        float[] p = net.output(MemoryArrays.features(asked, List.of(question)), false).toFloatVector();
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int s = 0; s < p.length; s++) {
            probabilities.put(MemoryProbe.symbolName(s), (double) p[s]);
        }
        return new MemoryAnswer(MemoryProbe.symbolName(MemoryScores.argMax(p)), probabilities);
    }
}
