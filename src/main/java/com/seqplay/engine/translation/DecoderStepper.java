package com.seqplay.engine.translation;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the decoder half ({@link Seq2SeqGraph#decoderOnly}) one output token at a time, keeping each
 * recurrent layer's state between steps ({@code rnnTimeStep}), so an output of n tokens costs n
 * decoder steps instead of the n(n+1)/2 of re-running the whole prefix at every step.
 *
 * <p>{@code rnnTimeStep} on a ComputationGraph takes no masks, but it does not clear the ones set
 * with {@code setLayerMaskArrays} either: the source mask is set once, so the attention keeps ignoring
 * padded source steps; the decoder input needs none (every row gets a token at every step). The
 * encoder's outputs are the same array at every step, so our attention vertex projects them into
 * keys and values once ({@link ProjectedAttention#pinKeys}); networks saved with DL4J's vertex
 * project them at every step, which is slower but gives the same result.
 *
 * <p>Beam search reorders rows between steps ({@link #reorder}): a row continues the hypothesis of
 * its parent row, so it takes that row's recurrent state.
 */
final class DecoderStepper implements AutoCloseable {
    private final ComputationGraph decoder;
    private final TranslationModel.Encoded encoded;
    private final int layers;
    private final int vocabulary;
    private final ProjectedAttention attention;

    DecoderStepper(ComputationGraph decoder, TranslationModel.Encoded encoded, int layers, int vocabulary) {
        this.decoder = decoder;
        this.encoded = encoded;
        this.layers = layers;
        this.vocabulary = vocabulary;
        decoder.rnnClearPreviousState();
        decoder.setLayerMaskArrays(new INDArray[] {encoded.mask(), null, null}, null);
        GraphVertex vertex = decoder.getVertex(Seq2SeqGraph.ATTENTION);
        this.attention = vertex instanceof ProjectedAttention projected ? projected : null;
        if (attention != null) {
            attention.pinKeys(encoded.outputs());
        }
    }

    /**
     * Feeds each row its next input token and returns the probabilities of the token after it,
     * [rows][vocabulary]. A negative token feeds nothing (an all-zero input), for rows whose output is
     * already finished: their results are not read.
     */
    float[][] next(int[] tokens) {
        float[] oneHot = new float[tokens.length * vocabulary];
        for (int row = 0; row < tokens.length; row++) {
            if (tokens[row] >= 0) {
                oneHot[row * vocabulary + tokens[row]] = 1f;
            }
        }
        INDArray input = Nd4j.create(oneHot, new long[] {tokens.length, vocabulary, 1}, 'c')
                .castTo(encoded.outputs().dataType());
        INDArray out = decoder.rnnTimeStep(encoded.outputs(), encoded.summary(), input)[0]; // [rows, V, 1]
        return rows(out.reshape(out.size(0), out.size(1)));
    }

    /**
     * The rows of a [rows, V] array, read in one bulk copy: {@code toFloatMatrix} fetched each row as
     * a view (shape information, a native allocation per row), a sixth of all decoding time.
     */
    static float[][] rows(INDArray matrix) {
        int n = (int) matrix.size(0);
        int width = (int) matrix.size(1);
        float[] flat = matrix.dup('c').data().asFloat();
        float[][] rows = new float[n][];
        for (int r = 0; r < n; r++) {
            rows[r] = Arrays.copyOfRange(flat, r * width, (r + 1) * width);
        }
        return rows;
    }

    /** Our attention vertex in the decoder half, if the network has one (not when saved with DL4J's). */
    Optional<ProjectedAttention> projectedAttention() {
        return Optional.ofNullable(attention);
    }

    /** Row {@code r} continues from the state row {@code parents[r]} had after the last step. */
    void reorder(int[] parents) {
        boolean identity = true;
        for (int r = 0; r < parents.length && identity; r++) {
            identity = parents[r] == r;
        }
        if (identity) {
            return;
        }
        for (int i = 1; i <= layers; i++) {
            String name = Seq2SeqGraph.decoder(i);
            Map<String, INDArray> state = decoder.rnnGetPreviousState(name);
            Map<String, INDArray> reordered = new HashMap<>();
            for (Map.Entry<String, INDArray> e : state.entrySet()) {
                reordered.put(e.getKey(), Nd4j.pullRows(e.getValue(), 1, parents));
            }
            decoder.rnnSetPreviousState(name, reordered);
        }
    }

    @Override
    public void close() {
        if (attention != null) {
            attention.unpinKeys();
        }
        decoder.clearLayerMaskArrays();
        decoder.rnnClearPreviousState();
    }
}
