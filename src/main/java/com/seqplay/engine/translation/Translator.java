package com.seqplay.engine.translation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Translates with a saved model: loads a run folder written by {@link TranslationTrainer} (the best
 * checkpoint and {@value ModelFiles#FILE}) and decodes one sentence at a time. One instance may be
 * shared; calls are serialised because DL4J networks are not thread-safe.
 */
public final class Translator {
    private final TranslationModel model;

    Translator(TranslationModel model) {
        this.model = model;
    }

    public static Translator load(Path runDir) throws IOException {
        return new Translator(ModelFiles.load(runDir));
    }

    public boolean hasAttention() {
        return model.attention;
    }

    /** {@code char} or {@code word}. */
    public String tokens() {
        return model.tokenization.id();
    }

    /**
     * @param beamWidth 1 for greedy decoding
     * @throws IllegalArgumentException for a beam width below 1
     */
    public synchronized Translation translate(String sentence, int beamWidth) {
        List<String> sourceTokens = model.tokenization.split(sentence);
        if (sourceTokens.isEmpty()) {
            return new Translation("", List.of(), List.of(), 0, true, model.attention ? new double[0][0] : null);
        }
        int[] ids = model.source.encode(sourceTokens);
        Hypothesis best = model.decode(List.of(ids), beamWidth).get(0);
        List<String> tokens = model.target.decode(best.tokens());
        double[][] attention = model.attention ? model.attentionWeights(ids, best.tokens()) : null;
        return new Translation(model.tokenization.join(tokens), tokens, sourceTokens, best.logProbability(),
                best.finished(), attention);
    }

    /**
     * A greedy translation and the network's activations while writing it, for the inside view:
     * the encoder reads the source, the decoder reads &lt;s&gt; and its own output tokens as in
     * decoding, up to the step that wrote &lt;/s&gt; when it finished.
     *
     * @param decoderSteps the token each decoder step wrote, one per decoder input step
     * @param attention    one row per output token (no row for &lt;/s&gt;), null without attention
     */
    public record Trace(List<String> sourceTokens, List<String> outputTokens, List<String> decoderSteps,
            ComputationGraph graph, Map<String, INDArray> activations, double[][] attention) {}

    /** @throws IllegalArgumentException if the sentence has no tokens */
    public synchronized Trace trace(String sentence) {
        List<String> sourceTokens = model.tokenization.split(sentence);
        if (sourceTokens.isEmpty()) {
            throw new IllegalArgumentException("the sentence has no tokens");
        }
        int[] ids = model.source.encode(sourceTokens);
        Hypothesis best = model.decode(List.of(ids), 1).get(0);
        List<String> outputTokens = model.target.decode(best.tokens());
        int[] decoderIn = SequenceArrays.decoderInput(best.tokens());
        List<String> written = new ArrayList<>(outputTokens);
        if (best.finished()) {
            written.add(Vocabulary.EOS);
        } else {
            decoderIn = Arrays.copyOf(decoderIn, best.tokens().length);
        }
        int[][] sources = {ids};
        int[][] inputs = {decoderIn};
        INDArray[] features = {
            SequenceArrays.oneHot(sources, model.source.size(), ids.length),
            SequenceArrays.oneHot(inputs, model.target.size(), decoderIn.length)};
        INDArray[] masks = {SequenceArrays.mask(sources, ids.length), SequenceArrays.mask(inputs, decoderIn.length)};
        Map<String, INDArray> activations;
        model.graph.setLayerMaskArrays(masks, null);
        try {
            activations = model.graph.feedForward(features, false);
        } finally {
            model.graph.clearLayerMaskArrays();
        }
        double[][] attention = model.attention ? model.attentionWeights(ids, best.tokens()) : null;
        return new Trace(sourceTokens, outputTokens, written, model.graph, activations, attention);
    }
}
