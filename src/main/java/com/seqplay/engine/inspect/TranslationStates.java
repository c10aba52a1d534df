package com.seqplay.engine.inspect;

import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.LayerStates;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.engine.translation.Translator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The inside of an encoder-decoder: the encoder layers on the typed sentence, the decoder layers
 * while greedy decoding writes its translation (each step reads the token written before), and
 * the attention each decoding step paid to the source tokens. Layers are recomputed from what the
 * network fed them in one forward pass over the source and the decoded output.
 */
final class TranslationStates {
    /** The layer names the seq2seq graph gives its recurrent layers: encoder1, encoderForward2, decoder1... */
    private static final Pattern NAME = Pattern.compile("(encoder|decoder)(Forward|Backward)?(\\d+)");

    private TranslationStates() {}

    static Inspection inspect(Translator translator, String input) {
        Translator.Trace trace;
        try {
            trace = translator.trace(input);
        } catch (IllegalArgumentException e) {
            throw new PredictionException("input: " + e.getMessage());
        }
        ComputationGraph graph = trace.graph();
        var conf = graph.getConfiguration();
        List<String> names = new ArrayList<>();
        List<CellSteps> cells = new ArrayList<>();
        for (String name : conf.getTopologicalOrderStr()) {
            GraphVertex vertex = graph.getVertex(name);
            if (vertex == null || !vertex.hasLayer()) {
                continue;
            }
            Layer layer = vertex.getLayer();
            var cell = Cells.of(layer, shownName(name));
            if (cell.isPresent()) {
                names.add(name);
                cells.add(cell.get());
            }
        }
        NetworkStates.checkSize(cells, Math.max(trace.sourceTokens().size(), trace.decoderSteps().size()));
        List<LayerStates> layers = new ArrayList<>();
        for (int k = 0; k < cells.size(); k++) {
            String name = names.get(k);
            String inputName = conf.getVertexInputs().get(name).get(0);
            INDArray x = trace.activations().get(inputName);
            if (x == null) {
                throw new IllegalStateException("no activations for " + inputName + ", the input of " + name);
            }
            layers.add(NetworkStates.states(shownName(name), cells.get(k),
                    NetworkStates.steps(x, graph.getVertex(name).getLayer()), steps(name, trace)));
        }
        return new Inspection(layers, trace.sourceTokens(), trace.outputTokens(), trace.attention());
    }

    /** What each step of a layer read: source tokens (reversed for a backward encoder) or the token a decoder step wrote. */
    private static List<String> steps(String name, Translator.Trace trace) {
        if (name.startsWith("decoder")) {
            return trace.decoderSteps();
        }
        if (name.startsWith("encoderBackward")) {
            List<String> reversed = new ArrayList<>(trace.sourceTokens());
            Collections.reverse(reversed);
            return reversed;
        }
        return trace.sourceTokens();
    }

    static String shownName(String vertex) {
        Matcher m = NAME.matcher(vertex);
        if (!m.matches()) {
            return vertex;
        }
        String direction = m.group(2) == null ? ""
                : m.group(2).equals("Forward") ? " (forward)" : " (backward: reads right to left)";
        return m.group(1) + " " + m.group(3) + direction;
    }
}
