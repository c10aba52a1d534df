package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link ProjectedAttentionVertex} computes what DL4J's one-head {@link AttentionVertex} with
 * projected inputs computes, forward and backward (up to DL4J's doubled gradient, see {@link
 * #DL4J_GRADIENT_FACTOR}), with masks, in double precision; its gradients pass a finite-difference
 * check where DL4J's do not; its configuration survives saving.
 */
class ProjectedAttentionTest {
    private static final double TOLERANCE = 1e-8;
    /**
     * DL4J 1.0.0-M2.1's vertex returns twice the true gradient, for its parameters and for all three
     * inputs (so everything before it in a network gets it doubled too): its backward pass fails
     * {@link GradientCheckUtil}, which ours passes. The comparison checks ours against half of it.
     */
    private static final double DL4J_GRADIENT_FACTOR = 2.0;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** queries [3, 4, 5] (steps 5, 3 and 4 real), keys [3, 6, 7] and values [3, 2, 7] (7, 2 and 5 real). */
    private static final int BATCH = 3;
    private static final int Q = 4;
    private static final int K = 6;
    private static final int V = 2;
    private static final int TQ = 5;
    private static final int TS = 7;

    private static INDArray lengthMask(int steps, int... lengths) {
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, lengths.length, steps);
        for (int i = 0; i < lengths.length; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                mask.putScalar(i, t, 1.0);
            }
        }
        return mask;
    }

    /** A graph whose only parameters are the vertex's: inputs queries, keys, values. */
    private static ComputationGraph vertexOnly(AttentionVertex vertex) {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3).updater(new NoOp())
                .graphBuilder().addInputs("q", "k", "v")
                .addVertex("attention", vertex, "q", "k", "v").setOutputs("attention").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.initGradientsView();
        return graph;
    }

    private static AttentionVertex dl4j(int nq, int nk, int nv, int out, int head) {
        return new AttentionVertex.Builder().nInQueries(nq).nInKeys(nk).nInValues(nv).nOut(out).headSize(head)
                .nHeads(1).projectInput(true).build();
    }

    private record Pass(INDArray output, Gradient gradient, INDArray[] inputGradients) {}

    private static Pass run(GraphVertex vertex, INDArray[] inputs, INDArray[] masks, INDArray epsilon) {
        LayerWorkspaceMgr none = LayerWorkspaceMgr.noWorkspaces();
        vertex.setInputs(inputs);
        vertex.feedForwardMaskArrays(masks, MaskState.Active, (int) inputs[0].size(0));
        INDArray output = vertex.doForward(true, none).dup();
        vertex.setEpsilon(epsilon);
        Pair<Gradient, INDArray[]> back = vertex.doBackward(false, none);
        INDArray[] inputGradients = new INDArray[back.getSecond().length];
        for (int i = 0; i < inputGradients.length; i++) {
            inputGradients[i] = back.getSecond()[i].dup();
        }
        return new Pass(output, back.getFirst(), inputGradients);
    }

    private static void assertClose(String what, INDArray expected, INDArray actual) {
        assertThat(actual.shape()).as(what).containsExactly(expected.shape());
        double scale = Math.max(1.0, expected.norm2Number().doubleValue());
        double difference = expected.sub(actual).norm2Number().doubleValue();
        assertThat(difference / scale).as(what + ": |expected - actual| / max(1, |expected|)").isLessThan(TOLERANCE);
    }

    private static void assertSameAsDl4j(INDArray[] masks, boolean sharedKeysAndValues) {
        int nv = sharedKeysAndValues ? K : V;
        ComputationGraph theirs = vertexOnly(dl4j(Q, K, nv, 3, 5));
        ComputationGraph ours = vertexOnly(new ProjectedAttentionVertex(Q, K, nv, 3, 5));
        Seq2SeqGraph.copyParameters(theirs, ours);
        assertThat(ours.params()).as("same flat parameter layout").isEqualTo(theirs.params());

        Nd4j.getRandom().setSeed(11);
        INDArray queries = Nd4j.randn(DataType.DOUBLE, BATCH, Q, TQ);
        INDArray keys = Nd4j.randn(DataType.DOUBLE, BATCH, K, TS);
        INDArray values = sharedKeysAndValues ? keys : Nd4j.randn(DataType.DOUBLE, BATCH, V, TS);
        INDArray epsilon = Nd4j.randn(DataType.DOUBLE, BATCH, 3, TQ);
        INDArray[] inputs = {queries, keys, values};

        Pass expected = run(theirs.getVertex("attention"), inputs, masks, epsilon);
        Pass actual = run(ours.getVertex("attention"), inputs, masks, epsilon);
        assertClose("output", expected.output(), actual.output());
        for (int i = 0; i < 3; i++) {
            assertClose("gradient of input " + i, expected.inputGradients()[i].div(DL4J_GRADIENT_FACTOR),
                    actual.inputGradients()[i]);
        }
        Map<String, INDArray> theirGradients = expected.gradient().gradientForVariable();
        assertThat(actual.gradient().gradientForVariable().keySet()).containsExactlyElementsOf(theirGradients.keySet());
        for (String name : theirGradients.keySet()) {
            assertClose("gradient of " + name, theirGradients.get(name).div(DL4J_GRADIENT_FACTOR),
                    actual.gradient().getGradientFor(name));
        }
    }

    @Test
    void matches_dl4j_with_masks_on_queries_and_keys() {
        INDArray keyMask = lengthMask(TS, 7, 2, 5);
        assertSameAsDl4j(new INDArray[] {lengthMask(TQ, 5, 3, 4), keyMask, keyMask}, false);
    }

    @Test
    void matches_dl4j_with_keys_and_values_from_one_input() {
        INDArray keyMask = lengthMask(TS, 3, 7, 1);
        assertSameAsDl4j(new INDArray[] {lengthMask(TQ, 2, 5, 5), keyMask, keyMask}, true);
    }

    @Test
    void matches_dl4j_when_key_and_value_masks_differ() {
        // DL4J takes the smaller of the two masks
        assertSameAsDl4j(new INDArray[] {lengthMask(TQ, 5, 3, 4), lengthMask(TS, 7, 4, 5), lengthMask(TS, 6, 2, 7)}, false);
    }

    @Test
    void matches_dl4j_without_masks() {
        assertSameAsDl4j(null, false);
    }

    private static void assertSamePass(String what, Pass expected, Pass actual) {
        assertClose(what + ": output", expected.output(), actual.output());
        for (int i = 0; i < 3; i++) {
            assertClose(what + ": gradient of input " + i, expected.inputGradients()[i], actual.inputGradients()[i]);
        }
        for (String name : expected.gradient().gradientForVariable().keySet()) {
            assertClose(what + ": gradient of " + name, expected.gradient().getGradientFor(name),
                    actual.gradient().getGradientFor(name));
        }
    }

    /** A copy of {@code gradient}: the vertex fills the same gradient arrays at every pass. */
    private static Pass detached(Pass pass) {
        Gradient copy = new org.deeplearning4j.nn.gradient.DefaultGradient();
        pass.gradient().gradientForVariable().forEach((name, g) -> copy.setGradientFor(name, g.dup()));
        return new Pass(pass.output(), copy, pass.inputGradients());
    }

    /** Inputs, masks and output gradient of one batch; keys and values are one input, as in the translation model. */
    private record Batch(INDArray[] inputs, INDArray[] masks, INDArray epsilon) {
        static Batch of(int tq, int ts, int[] queryLengths, int[] keyLengths) {
            int batch = queryLengths.length;
            INDArray keys = Nd4j.randn(DataType.DOUBLE, batch, K, ts);
            INDArray keyMask = lengthMask(ts, keyLengths);
            return new Batch(new INDArray[] {Nd4j.randn(DataType.DOUBLE, batch, Q, tq), keys, keys},
                    new INDArray[] {lengthMask(tq, queryLengths), keyMask, keyMask},
                    Nd4j.randn(DataType.DOUBLE, batch, Q, tq));
        }

        Batch castTo(DataType type) {
            INDArray keys = inputs[1].castTo(type);
            INDArray keyMask = masks[1].castTo(type);
            return new Batch(new INDArray[] {inputs[0].castTo(type), keys, keys},
                    new INDArray[] {masks[0].castTo(type), keyMask, keyMask}, epsilon.castTo(type));
        }

        Pass through(GraphVertex vertex) {
            return detached(run(vertex, inputs, masks, epsilon));
        }
    }

    @Test
    void a_vertex_reused_for_batches_of_other_sizes_and_lengths_computes_what_a_fresh_one_does() {
        // the vertex keeps its intermediate arrays from batch to batch, growing them when a batch needs more
        ComputationGraph reused = vertexOnly(new ProjectedAttentionVertex(Q, K, K, Q, 5));
        Batch[] batches = {
            Batch.of(5, 7, new int[] {5, 3, 4}, new int[] {7, 2, 5}),
            Batch.of(9, 9, new int[] {2, 9}, new int[] {9, 1}), // fewer sentences, longer
            Batch.of(4, 3, new int[] {1, 2, 3, 4}, new int[] {3, 3, 1, 2}), // more sentences, shorter
        };
        for (int i = 0; i < batches.length; i++) {
            ComputationGraph fresh = vertexOnly(new ProjectedAttentionVertex(Q, K, K, Q, 5));
            Seq2SeqGraph.copyParameters(reused, fresh);
            assertSamePass("batch " + i, batches[i].through(fresh.getVertex("attention")),
                    batches[i].through(reused.getVertex("attention")));
        }
    }

    /** [batch, size, T] with (t, b, c) memory order, as the fused recurrent layers' outputs are. */
    private static INDArray timeMajor(INDArray ncw) {
        INDArray memory = Nd4j.create(ncw.dataType(), ncw.size(2), ncw.size(0), ncw.size(1));
        memory.assign(ncw.permute(2, 0, 1));
        return memory.permute(1, 2, 0);
    }

    @Test
    void time_major_inputs_give_what_c_ordered_inputs_give() {
        ComputationGraph graph = vertexOnly(new ProjectedAttentionVertex(Q, K, V, 3, 5));
        Nd4j.getRandom().setSeed(12);
        INDArray queries = Nd4j.randn(DataType.DOUBLE, BATCH, Q, TQ);
        INDArray keys = Nd4j.randn(DataType.DOUBLE, BATCH, K, TS);
        INDArray values = Nd4j.randn(DataType.DOUBLE, BATCH, V, TS);
        INDArray epsilon = Nd4j.randn(DataType.DOUBLE, BATCH, 3, TQ);
        INDArray keyMask = lengthMask(TS, 7, 2, 5);
        INDArray[] masks = {lengthMask(TQ, 5, 3, 4), keyMask, keyMask};
        GraphVertex vertex = graph.getVertex("attention");
        Pass expected = detached(run(vertex, new INDArray[] {queries, keys, values}, masks, epsilon));
        Pass actual = detached(run(vertex, new INDArray[] {timeMajor(queries), timeMajor(keys), timeMajor(values)}, masks,
                timeMajor(epsilon)));
        assertSamePass("time-major", expected, actual);
    }

    @Test
    void float_computes_what_double_does_to_float_precision() {
        ComputationGraph inDouble = vertexOnly(new ProjectedAttentionVertex(Q, K, K, Q, 5));
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).updater(new NoOp())
                .graphBuilder().addInputs("q", "k", "v")
                .addVertex("attention", new ProjectedAttentionVertex(Q, K, K, Q, 5), "q", "k", "v")
                .setOutputs("attention").build();
        ComputationGraph inFloat = new ComputationGraph(conf);
        inFloat.init();
        inFloat.initGradientsView();
        Seq2SeqGraph.copyParameters(inDouble, inFloat);
        Batch batch = Batch.of(TQ, TS, new int[] {5, 3, 4}, new int[] {7, 2, 5});
        Pass expected = batch.through(inDouble.getVertex("attention"));
        Pass actual = batch.castTo(DataType.FLOAT).through(inFloat.getVertex("attention"));
        assertThat(actual.output().dataType()).isEqualTo(DataType.FLOAT);
        assertCloseInFloat("output", expected.output(), actual.output());
        for (int i = 0; i < 3; i++) {
            assertCloseInFloat("gradient of input " + i, expected.inputGradients()[i], actual.inputGradients()[i]);
        }
        for (String name : expected.gradient().gradientForVariable().keySet()) {
            assertCloseInFloat("gradient of " + name, expected.gradient().getGradientFor(name),
                    actual.gradient().getGradientFor(name));
        }
    }

    private static void assertCloseInFloat(String what, INDArray expected, INDArray actual) {
        assertThat(actual.dataType()).as(what).isEqualTo(DataType.FLOAT);
        double scale = Math.max(1.0, expected.norm2Number().doubleValue());
        double difference = expected.sub(actual.castTo(DataType.DOUBLE)).norm2Number().doubleValue();
        assertThat(difference / scale).as(what + ": |expected - actual| / max(1, |expected|)").isLessThan(1e-6);
    }

    /** Encoder and decoder RNNs around the vertex, softmax output: a small translation network. */
    private static ComputationGraph smallNetwork(AttentionVertex attention) {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5).updater(new NoOp())
                .weightInit(new NormalDistribution(0, 0.5))
                .graphBuilder().addInputs("decoderIn", "source")
                .addLayer("decoder", new SimpleRnn.Builder().nIn(3).nOut(Q).activation(Activation.TANH).build(), "decoderIn")
                .addLayer("encoder", new SimpleRnn.Builder().nIn(2).nOut(K).activation(Activation.TANH).build(), "source")
                .addVertex("attention", attention, "decoder", "encoder", "encoder")
                .addLayer("output", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).nIn(Q).nOut(3).build(), "attention")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static INDArray oneHot(int classes, int steps, long seed) {
        java.util.Random random = new java.util.Random(seed);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, classes, steps);
        for (int b = 0; b < BATCH; b++) {
            for (int t = 0; t < steps; t++) {
                labels.putScalar(b, random.nextInt(classes), t, 1.0);
            }
        }
        return labels;
    }

    private static boolean passesGradientCheck(AttentionVertex attention) {
        ComputationGraph graph = smallNetwork(attention);
        Nd4j.getRandom().setSeed(4);
        INDArray[] inputs = {Nd4j.randn(DataType.DOUBLE, BATCH, 3, TQ), Nd4j.randn(DataType.DOUBLE, BATCH, 2, TS)};
        INDArray queryMask = lengthMask(TQ, 5, 3, 4);
        INDArray[] masks = {queryMask, lengthMask(TS, 7, 2, 5)};
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph).inputs(inputs)
                .labels(new INDArray[] {oneHot(3, TQ, 9)}).inputMask(masks).labelMask(new INDArray[] {queryMask})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    }

    @Test
    void gradients_of_a_small_network_match_finite_differences() {
        assertTrue(passesGradientCheck(new ProjectedAttentionVertex(Q, K, K, Q, 5)));
    }

    @Test
    void dl4j_attention_gradients_do_not_match_finite_differences() {
        // the reason for DL4J_GRADIENT_FACTOR; should a DL4J upgrade fix it, this fails and the factor goes
        assertThat(passesGradientCheck(dl4j(Q, K, K, Q, 5))).isFalse();
    }

    @Test
    void a_small_network_has_the_same_score_as_with_dl4j_attention_and_the_gradients_of_its_output_layer() {
        ComputationGraph theirs = smallNetwork(dl4j(Q, K, K, Q, 5));
        ComputationGraph ours = smallNetwork(new ProjectedAttentionVertex(Q, K, K, Q, 5));
        Seq2SeqGraph.copyParameters(theirs, ours);
        Nd4j.getRandom().setSeed(6);
        INDArray[] inputs = {Nd4j.randn(DataType.DOUBLE, BATCH, 3, TQ), Nd4j.randn(DataType.DOUBLE, BATCH, 2, TS)};
        INDArray queryMask = lengthMask(TQ, 4, 5, 2);
        INDArray[] masks = {queryMask, lengthMask(TS, 3, 7, 6)};
        INDArray labels = oneHot(3, TQ, 8);
        for (ComputationGraph g : new ComputationGraph[] {theirs, ours}) {
            g.setInputs(inputs);
            g.setLabels(labels);
            g.setLayerMaskArrays(masks, new INDArray[] {queryMask});
            g.computeGradientAndScore();
        }
        assertThat(ours.score()).isCloseTo(theirs.score(), org.assertj.core.data.Offset.offset(1e-10));
        for (String name : theirs.paramTable().keySet()) {
            // the output layer is after the attention; everything before it gets DL4J's doubled gradient
            double factor = name.startsWith("output_") ? 1.0 : DL4J_GRADIENT_FACTOR;
            assertClose("gradient of " + name, theirs.gradient().getGradientFor(name).div(factor),
                    ours.gradient().getGradientFor(name));
        }
    }

    @Test
    void the_updater_trains_the_vertex_parameters_as_it_trains_dl4j_s() {
        // Adam's first step is lr * sign(gradient) (up to its epsilon), whatever the gradient's scale,
        // so DL4J's doubled gradient makes the same first update: a check that the updater reaches ours
        ComputationGraph theirs = withAdam(dl4j(Q, K, K, Q, 5));
        ComputationGraph ours = withAdam(new ProjectedAttentionVertex(Q, K, K, Q, 5));
        Seq2SeqGraph.copyParameters(theirs, ours);
        INDArray before = ours.getVertex("attention").params().dup();
        Nd4j.getRandom().setSeed(2);
        INDArray[] inputs = {Nd4j.randn(DataType.DOUBLE, BATCH, 3, TQ), Nd4j.randn(DataType.DOUBLE, BATCH, 2, TS)};
        INDArray queryMask = lengthMask(TQ, 4, 5, 2);
        INDArray[] masks = {queryMask, lengthMask(TS, 3, 7, 6)};
        var data = new org.nd4j.linalg.dataset.MultiDataSet(inputs, new INDArray[] {oneHot(3, TQ, 1)}, masks,
                new INDArray[] {queryMask});
        theirs.fit(data);
        ours.fit(data);
        INDArray step = ours.getVertex("attention").params().sub(before);
        assertThat(step.amaxNumber().doubleValue()).isCloseTo(0.01, org.assertj.core.data.Offset.offset(1e-4));
        // Adam's epsilon (1e-8) against gradients of 1e-4 and below leaves differences near 1e-6
        assertThat(theirs.getVertex("attention").params().sub(ours.getVertex("attention").params())
                .amaxNumber().doubleValue()).as("attention parameters after one Adam step").isLessThan(1e-5);
    }

    private static ComputationGraph withAdam(AttentionVertex attention) {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(5)
                .updater(new org.nd4j.linalg.learning.config.Adam(0.01))
                .weightInit(new NormalDistribution(0, 0.5))
                .graphBuilder().addInputs("decoderIn", "source")
                .addLayer("decoder", new SimpleRnn.Builder().nIn(3).nOut(Q).activation(Activation.TANH).build(), "decoderIn")
                .addLayer("encoder", new SimpleRnn.Builder().nIn(2).nOut(K).activation(Activation.TANH).build(), "source")
                .addVertex("attention", attention, "decoder", "encoder", "encoder")
                .addLayer("output", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NCW).nIn(Q).nOut(3).build(), "attention")
                .setOutputs("output").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    @Test
    void the_configuration_and_parameters_survive_saving_and_loading() throws Exception {
        ComputationGraph graph = smallNetwork(new ProjectedAttentionVertex(Q, K, K, Q, 5));
        String json = graph.getConfiguration().toJson();
        assertThat(ComputationGraphConfiguration.fromJson(json).getVertices().get("attention"))
                .isInstanceOf(ProjectedAttentionVertex.class)
                .isEqualTo(graph.getConfiguration().getVertices().get("attention"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(graph, bytes, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertThat(loaded.getVertex("attention")).isInstanceOf(ProjectedAttention.class);
        assertThat(loaded.params()).isEqualTo(graph.params());
        INDArray[] inputs = {Nd4j.randn(DataType.DOUBLE, BATCH, 3, TQ), Nd4j.randn(DataType.DOUBLE, BATCH, 2, TS)};
        assertThat(loaded.output(inputs)[0]).isEqualTo(graph.output(inputs)[0]);
    }
}
