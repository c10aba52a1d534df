package com.seqplay.engine.translation;

import com.seqplay.engine.NetworkBuilder;
import com.seqplay.engine.layers.FusedRnnOutputLayer;
import com.seqplay.spec.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The encoder-decoder network, trained with teacher forcing.
 *
 * <pre>
 * source (one-hot) ── encoder1..L ──┬── last real step ── DuplicateToTimeSeries ─┐
 *                                   │                                            Merge ── decoder1..L ──┐
 * decoderIn: &lt;s&gt; y1 .. y(n-1) ─────┼────────────────────────────────────────────┘                       │
 *                                   └── keys, values ─── Attention (queries = decoder output) ── Merge ──┴── softmax
 * </pre>
 *
 * The encoder's summary (its output at the last real source step: {@link LastStepVertex} reads
 * the source mask) is fed to the decoder at every step beside the previous target token. With
 * attention, each decoder step also gets a weighted mix of all encoder outputs. Recurrent layers come
 * from {@link NetworkBuilder#recurrent}, so every cell the specification offers plugs in.
 *
 * <p>A bidirectional encoder layer is built from two layers and {@link ReverseTimeSeriesVertex}, which
 * reverses each sentence within its own length, rather than with DL4J's {@code Bidirectional}
 * wrapper: that one reverses the padded array, so its backward half reads the padding first, and a
 * sentence's encoding then changed with the length of the longest sentence in its batch (measured
 * with an LSTM in 1.0.0-M2.1). The backward outputs are reversed back into source order and
 * concatenated with the forward ones; the summary is both halves' final states (forward at the last
 * real step, backward after reading back to the first token).
 */
final class Seq2SeqGraph {
    static final String SOURCE = "source";
    static final String DECODER_IN = "decoderIn";
    static final String ENCODER_OUT = "encoderOut";
    static final String ENCODER_LAST = "encoderLast";
    static final String ATTENTION = "attention";
    static final String OUTPUT = "output";

    private Seq2SeqGraph() {}

    /** The output of encoder layer {@code layer} (1-based), both directions when bidirectional. */
    static String encoder(int layer) {
        return "encoder" + layer;
    }

    static String decoder(int layer) {
        return "decoder" + layer;
    }

    /**
     * How the attention vertex is computed. Both have the same parameters under the same names and
     * shapes; a saved network names its own vertex class, so networks saved with DL4J's keep it.
     */
    enum AttentionImpl {
        /** DL4J's {@link AttentionVertex}, which runs a SameDiff graph. */
        DL4J,
        /** {@link ProjectedAttentionVertex}: the same function as a few matrix products. */
        PROJECTED
    }

    /**
     * The attention new networks get: ours, much cheaper than DL4J's (which runs through SameDiff;
     * ours takes about a tenth of a training iteration of the default model where DL4J's took over
     * 40%), and it returns the true gradient where DL4J 1.0.0-M2.1's returns twice it (see
     * {@link ProjectedAttentionVertex}).
     */
    static final AttentionImpl NEW_MODELS = AttentionImpl.PROJECTED;

    static ComputationGraph build(RunSpec spec, int sourceVocabulary, int targetVocabulary) {
        return build(spec, sourceVocabulary, targetVocabulary, NEW_MODELS);
    }

    static ComputationGraph build(RunSpec spec, int sourceVocabulary, int targetVocabulary, AttentionImpl impl) {
        int hidden = spec.hiddenSize();
        int layers = spec.layers();
        boolean bidirectional = Boolean.TRUE.equals(spec.translation().bidirectional());
        var g = NetworkBuilder.base(spec).graphBuilder().addInputs(SOURCE, DECODER_IN);
        boolean attention = Boolean.TRUE.equals(spec.translation().attention());

        String previous = SOURCE;
        int in = sourceVocabulary;
        for (int i = 1; i <= layers; i++) {
            if (bidirectional) {
                g.addLayer("encoderForward" + i, NetworkBuilder.recurrent(spec, in, hidden), previous);
                g.addVertex("encoderReversed" + i, new ReverseTimeSeriesVertex(SOURCE), previous);
                g.addLayer("encoderBackward" + i, NetworkBuilder.recurrent(spec, in, hidden), "encoderReversed" + i);
                in = 2 * hidden;
                if (i == layers && !attention) {
                    // The top layer's outputs per step are read only by attention (the summary
                    // takes each direction's own last step); an unread vertex would get no
                    // gradient and stop training, so it is not built.
                    previous = "encoderForward" + i;
                    continue;
                }
                g.addVertex("encoderBackwardInOrder" + i, new ReverseTimeSeriesVertex(SOURCE), "encoderBackward" + i);
                g.addVertex(encoder(i), new FeatureConcatVertex(), "encoderForward" + i, "encoderBackwardInOrder" + i);
            } else {
                g.addLayer(encoder(i), NetworkBuilder.recurrent(spec, in, hidden), previous);
                in = hidden;
            }
            previous = encoder(i);
        }
        String encoderOut = previous;
        int encoderSize = in;
        if (bidirectional) {
            g.addVertex("encoderForwardLast", new LastStepVertex(SOURCE), "encoderForward" + layers);
            g.addVertex("encoderBackwardLast", new LastStepVertex(SOURCE), "encoderBackward" + layers);
            g.addVertex(ENCODER_LAST, new FeatureConcatVertex(), "encoderForwardLast", "encoderBackwardLast");
        } else {
            g.addVertex(ENCODER_LAST, new LastStepVertex(SOURCE), encoderOut);
        }
        g.addVertex("encoderState", new DuplicateToTimeSeriesVertex(DECODER_IN), ENCODER_LAST);
        g.addVertex("decoderInput", new FeatureConcatVertex(), DECODER_IN, "encoderState");

        previous = "decoderInput";
        in = targetVocabulary + encoderSize;
        for (int i = 1; i <= layers; i++) {
            g.addLayer(decoder(i), NetworkBuilder.recurrent(spec, in, hidden), previous);
            previous = decoder(i);
            in = hidden;
        }
        if (attention) {
            g.addVertex(ATTENTION, attentionVertex(impl, hidden, encoderSize), previous, encoderOut, encoderOut);
            g.addVertex("attended", new FeatureConcatVertex(), previous, ATTENTION);
            previous = "attended";
            in = 2 * hidden;
        }
        // Ours computes the same softmax and cross-entropy as DL4J's RnnOutputLayer in one pass (a
        // saved network names its own class, so older ones keep DL4J's); NCW: unset, DL4J's would read
        // [batch, time, size].
        g.addLayer(OUTPUT, FusedRnnOutputLayer.softmaxCrossEntropy(in, targetVocabulary), previous);
        g.setOutputs(OUTPUT);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /** One head, queries of the decoder's size, keys and values of the encoder's, output and head of the decoder's. */
    private static AttentionVertex attentionVertex(AttentionImpl impl, int hidden, int encoderSize) {
        return switch (impl) {
            case DL4J -> new AttentionVertex.Builder()
                    .nInQueries(hidden).nInKeys(encoderSize).nInValues(encoderSize)
                    .nOut(hidden).headSize(hidden).nHeads(1).projectInput(true)
                    .build();
            case PROJECTED -> new ProjectedAttentionVertex(hidden, encoderSize, encoderSize, hidden, hidden);
        };
    }

    /**
     * The decoder half of a built network, for decoding: its inputs take the top encoder layer's
     * outputs {@value #ENCODER_OUT} (with the source mask) and the encoder's summary {@value
     * #ENCODER_LAST}, so that each decoding step runs the decoder only instead of the encoder again.
     * Its vertices are clones of the full network's under the same names, so {@link #copyParameters}
     * can fill them.
     */
    static ComputationGraph decoderOnly(ComputationGraph full, int layers) {
        ComputationGraphConfiguration conf = full.getConfiguration();
        var g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs(ENCODER_OUT, ENCODER_LAST, DECODER_IN)
                .allowDisconnected(true); // without attention, nothing reads ENCODER_OUT
        List<String> copied = new ArrayList<>(List.of("encoderState", "decoderInput"));
        for (int i = 1; i <= layers; i++) {
            copied.add(decoder(i));
        }
        if (conf.getVertices().containsKey(ATTENTION)) {
            copied.add(ATTENTION);
            copied.add("attended");
        }
        copied.add(OUTPUT);
        for (String name : copied) {
            String[] inputs = conf.getVertexInputs().get(name).stream()
                    .map(in -> in.equals(encoder(layers)) ? ENCODER_OUT : in)
                    .toArray(String[]::new);
            g.addVertex(name, conf.getVertices().get(name).clone(), inputs);
        }
        g.setOutputs(OUTPUT);
        ComputationGraph decoder = new ComputationGraph(g.build());
        decoder.init();
        copyParameters(full, decoder);
        return decoder;
    }

    /** Copies every parameter of {@code to} from the parameter of the same name in {@code from}. */
    static void copyParameters(ComputationGraph from, ComputationGraph to) {
        Map<String, INDArray> source = from.paramTable();
        for (Map.Entry<String, INDArray> e : to.paramTable().entrySet()) {
            INDArray value = source.get(e.getKey());
            if (value == null) {
                throw new IllegalStateException("the network has no parameter " + e.getKey());
            }
            e.getValue().assign(value);
        }
    }
}
