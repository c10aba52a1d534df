package com.seqplay.engine.translation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A trained (or training) encoder-decoder with its vocabularies: held-out loss, decoding and
 * attention weights. Not thread-safe, like the DL4J network inside it.
 *
 * <p><b>Decoding</b> runs the encoder once, then steps the decoder half ({@link
 * Seq2SeqGraph#decoderOnly}) one token at a time with {@link DecoderStepper}, batched over sentences
 * and beam entries. ({@code rnnTimeStep} on the whole network would step the encoder too.) The source
 * mask is set for every pass (the {@code setLayerMaskArrays} pitfall), so that {@code
 * LastStepVertex} (or DL4J's LastTimeStepVertex in older saved networks) and the attention ignore
 * padded source steps. {@link #decoderProbabilities}
 * re-runs the decoder on whole prefixes instead: the straightforward formulation, which tests compare
 * the stepping with.
 */
final class TranslationModel {
    /** Most decoder rows (sentences x beam entries) run together in one forward pass. */
    static final int ROWS_PER_PASS = 512;
    /** Most one-hot input values per pass (32 MB of floats), which bounds the rows for large vocabularies. */
    static final long VALUES_PER_PASS = 8_000_000;
    private static final double MIN_PROBABILITY = 1e-30;

    final ComputationGraph graph;
    final Vocabulary source;
    final Vocabulary target;
    final Tokenization tokenization;
    final int layers;
    final boolean attention;
    /** The decoder half, sharing nothing with {@link #graph}: parameters are copied in before decoding. */
    private ComputationGraph decoderOnly;

    /** Most decoder steps per sentence: an output has at most this many tokens, &lt;/s&gt; included. */
    final int maxSteps;

    TranslationModel(ComputationGraph graph, Vocabulary source, Vocabulary target, Tokenization tokenization,
            int layers, boolean attention, int maxSteps) {
        this.graph = graph;
        this.source = source;
        this.target = target;
        this.tokenization = tokenization;
        this.layers = layers;
        this.attention = attention;
        this.maxSteps = maxSteps;
    }

    int[] encodeSource(String sentence) {
        return source.encode(tokenization.split(sentence));
    }

    /** Output probabilities [n, target vocabulary, decoder steps] with the masks of both sides. */
    INDArray probabilities(int[][] sources, int[][] decoderInputs) {
        int sourceLength = SequenceArrays.maxLength(sources);
        int targetLength = SequenceArrays.maxLength(decoderInputs);
        INDArray[] inputs = {
            SequenceArrays.oneHot(sources, source.size(), sourceLength),
            SequenceArrays.oneHot(decoderInputs, target.size(), targetLength)};
        INDArray[] masks = {SequenceArrays.mask(sources, sourceLength), SequenceArrays.mask(decoderInputs, targetLength)};
        return graph.output(false, inputs, masks)[0];
    }

    /** Mean cross-entropy in nats per target token (&lt;/s&gt; included) under teacher forcing. */
    double meanLoss(List<EncodedPair> pairs, int batchSize) {
        double total = 0;
        double tokens = 0;
        for (int from = 0; from < pairs.size(); from += batchSize) {
            MultiDataSet batch = SequenceArrays.batch(pairs.subList(from, Math.min(pairs.size(), from + batchSize)),
                    source.size(), target.size());
            INDArray probs = graph.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays())[0];
            INDArray mask = batch.getLabelsMaskArray(0);
            INDArray truth = probs.mul(batch.getLabels(0)).sum(1);
            INDArray logs = Transforms.log(Transforms.max(truth, MIN_PROBABILITY, false), false).muli(mask);
            total -= logs.sumNumber().doubleValue();
            tokens += mask.sumNumber().doubleValue();
        }
        return total / tokens;
    }

    /** Log probability of an output (with &lt;/s&gt; at its end when {@code finished}), by teacher forcing. */
    double logProbability(int[] sourceIds, int[] output, boolean finished) {
        int[] input = SequenceArrays.decoderInput(output);
        INDArray probs = probabilities(new int[][] {sourceIds}, new int[][] {input});
        double sum = 0;
        int steps = finished ? output.length + 1 : output.length;
        for (int t = 0; t < steps; t++) {
            int token = t < output.length ? output[t] : Vocabulary.EOS_ID;
            sum += Math.log(Math.max(MIN_PROBABILITY, probs.getDouble(0, token, t)));
        }
        return sum;
    }

    /**
     * Beam search; width 1 is greedy decoding. Scores are summed log probabilities without length
     * normalisation. A sentence stops once its best entry has ended with &lt;/s&gt; (no open entry can
     * catch up, since every further token lowers a score), or after {@link #maxSteps}; the
     * answer is then the best finished entry, or the best open one if none finished.
     */
    List<Hypothesis> decode(List<int[]> sources, int beamWidth) {
        if (beamWidth < 1) {
            throw new IllegalArgumentException("the beam width must be at least 1, got " + beamWidth);
        }
        long widest = Math.max((long) source.size() * sources.stream().mapToInt(s -> s.length).max().orElse(1),
                (long) target.size() * maxSteps);
        int rows = (int) Math.max(1, Math.min(ROWS_PER_PASS, VALUES_PER_PASS / widest));
        int perPass = Math.max(1, rows / beamWidth);
        // Longest sources first (ties in their given order): each pass then holds sentences of
        // similar length, and the encoder skips the padding at the end of each step's rows (the
        // recurrent layers' idle rows). A sentence's translation does not depend on its batch.
        Integer[] order = new Integer[sources.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> -sources.get(i).length));
        List<int[]> sorted = Arrays.stream(order).map(sources::get).toList();
        Hypothesis[] results = new Hypothesis[sources.size()];
        for (int from = 0; from < sorted.size(); from += perPass) {
            int to = Math.min(sorted.size(), from + perPass);
            List<Hypothesis> chunk = decodeChunk(sorted.subList(from, to), beamWidth);
            for (int i = from; i < to; i++) {
                results[order[i]] = chunk.get(i - from);
            }
        }
        return new ArrayList<>(Arrays.asList(results));
    }

    /**
     * What the decoder needs from the encoder.
     *
     * @param outputs the top encoder layer's outputs [n, encoder size, longest source]
     * @param summary the encoder's final state [n, encoder size]
     * @param mask the source mask [n, longest source]
     */
    record Encoded(INDArray outputs, INDArray summary, INDArray mask) {}

    Encoded encode(int[][] sources) {
        int sourceLength = SequenceArrays.maxLength(sources);
        int[][] start = new int[sources.length][];
        Arrays.fill(start, new int[] {Vocabulary.BOS_ID});
        INDArray[] features = {
            SequenceArrays.oneHot(sources, source.size(), sourceLength), SequenceArrays.oneHot(start, target.size(), 1)};
        INDArray sourceMask = SequenceArrays.mask(sources, sourceLength);
        graph.setLayerMaskArrays(new INDArray[] {sourceMask, SequenceArrays.mask(start, 1)}, null);
        try {
            Map<String, INDArray> activations = graph.feedForward(features, false);
            // A bidirectional encoder without attention has no merged top output (nothing reads
            // it); the decoder half still takes an input there, so it gets the forward outputs.
            INDArray outputs = activations.containsKey(Seq2SeqGraph.encoder(layers))
                    ? activations.get(Seq2SeqGraph.encoder(layers)) : activations.get("encoderForward" + layers);
            return new Encoded(outputs, activations.get(Seq2SeqGraph.ENCODER_LAST), sourceMask);
        } finally {
            graph.clearLayerMaskArrays();
        }
    }

    /** Steps the decoder half from &lt;s&gt; for these encoded sources, with the network's current parameters. */
    DecoderStepper stepper(Encoded encoded) {
        return new DecoderStepper(decoderHalf(), encoded, layers, target.size());
    }

    /** The decoder half with the network's current parameters. */
    private ComputationGraph decoderHalf() {
        if (decoderOnly == null) {
            decoderOnly = Seq2SeqGraph.decoderOnly(graph, layers);
        } else {
            Seq2SeqGraph.copyParameters(graph, decoderOnly); // the network may have trained since
        }
        return decoderOnly;
    }

    /** Next-token probabilities [rows, target vocabulary, prefix length] from the decoder half. */
    INDArray decoderProbabilities(Encoded encoded, int[][] prefixes) {
        int length = SequenceArrays.maxLength(prefixes);
        INDArray[] inputs = {encoded.outputs(), encoded.summary(), SequenceArrays.oneHot(prefixes, target.size(), length)};
        INDArray[] masks = {encoded.mask(), null, SequenceArrays.mask(prefixes, length)};
        return decoderHalf().output(false, inputs, masks)[0];
    }

    private List<Hypothesis> decodeChunk(List<int[]> sources, int k) {
        int n = sources.size();
        int[][] sourceRows = new int[n * k][];
        // row i*k+j holds entry min(j, size-1) of sentence i's beam; rows past the beam's size repeat its last entry
        List<List<Candidate>> beams = new ArrayList<>(n);
        int[] nextTokens = new int[n * k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                sourceRows[i * k + j] = sources.get(i);
            }
            beams.add(List.of(new Candidate(new Hypothesis(new int[0], 0, false), 0)));
        }
        Arrays.fill(nextTokens, Vocabulary.BOS_ID);
        boolean[] done = new boolean[n];
        int open = n;
        try (DecoderStepper decoder = stepper(encode(sourceRows))) {
            for (int step = 0; step < maxSteps && open > 0; step++) {
                float[][] p = decoder.next(nextTokens);
                int[] parents = new int[n * k];
                for (int i = 0; i < n; i++) {
                    List<Candidate> beam = beams.get(i);
                    if (!done[i]) {
                        beam = extend(beam, p, i * k, k);
                        beams.set(i, beam);
                        if (beam.get(0).hypothesis().finished()) {
                            done[i] = true;
                            open--;
                        }
                    }
                    for (int j = 0; j < k; j++) {
                        Candidate c = beam.get(Math.min(j, beam.size() - 1));
                        parents[i * k + j] = i * k + c.parent();
                        Hypothesis h = c.hypothesis();
                        nextTokens[i * k + j] = done[i] || h.finished() ? -1 : h.tokens()[h.tokens().length - 1];
                    }
                }
                decoder.reorder(parents);
                // the state now sits in the candidates' own rows
                for (int i = 0; i < n; i++) {
                    List<Candidate> beam = beams.get(i);
                    List<Candidate> placed = new ArrayList<>(beam.size());
                    for (int j = 0; j < beam.size(); j++) {
                        placed.add(new Candidate(beam.get(j).hypothesis(), j));
                    }
                    beams.set(i, placed);
                }
            }
        }
        List<Hypothesis> results = new ArrayList<>(n);
        for (List<Candidate> beam : beams) {
            results.add(beam.stream().map(Candidate::hypothesis).filter(Hypothesis::finished).findFirst()
                    .orElse(beam.get(0).hypothesis()));
        }
        return results;
    }

    /** A beam entry and the row (within its sentence's k rows) whose decoder state it continues. */
    private record Candidate(Hypothesis hypothesis, int parent) {}

    /** The k best continuations of a beam, given the next-token probabilities of its rows from {@code firstRow}. */
    private static List<Candidate> extend(List<Candidate> beam, float[][] p, int firstRow, int k) {
        List<Candidate> candidates = new ArrayList<>();
        for (int j = 0; j < beam.size(); j++) {
            Hypothesis h = beam.get(j).hypothesis();
            if (h.finished()) {
                candidates.add(new Candidate(h, j));
                continue;
            }
            float[] row = p[firstRow + j];
            for (int token : topTokens(row, k)) {
                candidates.add(new Candidate(h.extend(token, Math.log(Math.max(MIN_PROBABILITY, row[token]))), j));
            }
        }
        candidates.sort(Comparator.comparingDouble((Candidate c) -> c.hypothesis().logProbability()).reversed());
        return List.copyOf(candidates.subList(0, Math.min(k, candidates.size())));
    }

    /** The k likeliest tokens that may be written (never padding or &lt;s&gt;). */
    private static int[] topTokens(float[] p, int k) {
        int[] best = new int[Math.min(k, p.length - 2)];
        Arrays.fill(best, -1);
        for (int v = 0; v < p.length; v++) {
            if (v == Vocabulary.PAD_ID || v == Vocabulary.BOS_ID) {
                continue;
            }
            for (int r = 0; r < best.length; r++) {
                if (best[r] < 0 || p[v] > p[best[r]]) {
                    System.arraycopy(best, r, best, r + 1, best.length - r - 1);
                    best[r] = v;
                    break;
                }
            }
        }
        return best;
    }

    /**
     * The attention weights for one source and one output, recomputed from the attention vertex's
     * parameters, since DL4J's {@code AttentionVertex} computes them inside a SameDiff graph and does
     * not expose them. With one head and projected inputs the vertex computes, for decoder step t
     * (query: the top decoder layer's output d_t) and source step s (key: the top encoder layer's
     * output e_s):
     *
     * <pre>
     *   q_t = Wq d_t,   k_s = Wk e_s            (Wq: [head, decoder size], Wk: [head, encoder size])
     *   a_ts = softmax over s of (q_t . k_s) / sqrt(head)     (masked source steps get weight 0)
     *   out_t = Wo^T  sum_s a_ts Wv e_s
     * </pre>
     *
     * Row t of the result is a_t: how much the step that wrote output token t looked at each source
     * token. The decoder is fed &lt;s&gt; and the output's own tokens, as during decoding. The third
     * formula lets {@link #attentionCheck} confirm that the weights are the ones the vertex used.
     *
     * @return one row per output token (the closing &lt;/s&gt; has none), one column per source token
     */
    double[][] attentionWeights(int[] sourceIds, int[] output) {
        return attentionDetails(sourceIds, output).weights();
    }

    /** The weights, the vertex output rebuilt from them, and the vertex's real output, [features][steps]. */
    record AttentionDetails(double[][] weights, double[][] rebuiltOutput, double[][] vertexOutput) {}

    AttentionDetails attentionCheck(int[] sourceIds, int[] output) {
        return attentionDetails(sourceIds, output);
    }

    private AttentionDetails attentionDetails(int[] sourceIds, int[] output) {
        if (!attention) {
            throw new IllegalStateException("this model has no attention");
        }
        if (output.length == 0 || sourceIds.length == 0) {
            return new AttentionDetails(new double[output.length][sourceIds.length], new double[0][], new double[0][]);
        }
        int[][] sources = {sourceIds};
        // the queries for output tokens 1..m come from decoder inputs <s>, y1 .. y(m-1)
        int[][] inputs = {Arrays.copyOf(SequenceArrays.decoderInput(output), output.length)};
        INDArray[] features = {
            SequenceArrays.oneHot(sources, source.size(), sourceIds.length),
            SequenceArrays.oneHot(inputs, target.size(), output.length)};
        INDArray[] masks = {SequenceArrays.mask(sources, sourceIds.length), SequenceArrays.mask(inputs, output.length)};
        Map<String, INDArray> activations;
        graph.setLayerMaskArrays(masks, null);
        try {
            activations = graph.feedForward(features, false);
        } finally {
            graph.clearLayerMaskArrays();
        }
        INDArray queries = activations.get(Seq2SeqGraph.decoder(layers)).slice(0); // [decoder size, m]
        INDArray keys = activations.get(Seq2SeqGraph.encoder(layers)).slice(0); // [encoder size, S]
        Map<String, INDArray> params = graph.getVertex(Seq2SeqGraph.ATTENTION).paramTable(false);
        INDArray wq = params.get("Wq").slice(0); // [head, decoder size] (one head)
        INDArray wk = params.get("Wk").slice(0); // [head, encoder size]
        long head = wq.size(0);
        double[][] scores = wq.mmul(queries).transpose().mmul(wk.mmul(keys)).toDoubleMatrix(); // [m, S]
        double[][] weights = new double[scores.length][];
        for (int t = 0; t < scores.length; t++) {
            weights[t] = softmax(scores[t], 1.0 / Math.sqrt(head));
        }
        INDArray values = params.get("Wv").slice(0).mmul(keys); // [head, S]
        INDArray a = org.nd4j.linalg.factory.Nd4j.create(weights).castTo(values.dataType()); // [m, S]
        INDArray rebuilt = params.get("Wo").transpose().mmul(values.mmul(a.transpose())); // [nOut, m]
        return new AttentionDetails(weights, rebuilt.toDoubleMatrix(),
                activations.get(Seq2SeqGraph.ATTENTION).slice(0).toDoubleMatrix());
    }

    private static double[] softmax(double[] scores, double scale) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            max = Math.max(max, s * scale);
        }
        double sum = 0;
        double[] out = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            out[i] = Math.exp(scores[i] * scale - max);
            sum += out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= sum;
        }
        return out;
    }
}
