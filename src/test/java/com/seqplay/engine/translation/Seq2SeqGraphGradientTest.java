package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.NoOp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The whole encoder-decoder as new runs build it (our recurrent layers, our attention vertex, our
 * softmax output layer), in double precision, against finite differences, with sources and
 * targets of different lengths in one batch, so that every mask is in play.
 */
class Seq2SeqGraphGradientTest {
    private static final int SOURCE_VOCABULARY = 5;
    private static final int TARGET_VOCABULARY = 6;
    private static final int[] SOURCE_LENGTHS = {4, 2, 3};
    private static final int[] TARGET_LENGTHS = {3, 3, 1};

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void floatAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"cell\":\"lstm\",\"attention\":true",
        "\"cell\":\"gru\",\"attention\":true,\"bidirectional\":true",
        "\"cell\":\"rnn\",\"attention\":false,\"layers\":2"})
    void gradients_of_the_translation_network_match_finite_differences(String settings) {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(
                "{\"task\":\"translation\",\"hiddenSize\":4,\"seed\":2," + settings + "}"));
        ComputationGraph graph = withoutUpdaters(Seq2SeqGraph.build(spec, SOURCE_VOCABULARY, TARGET_VOCABULARY));
        Random random = new Random(7);
        INDArray[] inputs = {oneHot(SOURCE_VOCABULARY, SOURCE_LENGTHS, random), oneHot(TARGET_VOCABULARY, TARGET_LENGTHS, random)};
        INDArray targetMask = mask(TARGET_LENGTHS);
        boolean passed = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph).inputs(inputs)
                .labels(new INDArray[] {oneHot(TARGET_VOCABULARY, TARGET_LENGTHS, random)})
                .inputMask(new INDArray[] {mask(SOURCE_LENGTHS), targetMask}).labelMask(new INDArray[] {targetMask})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)
                .print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
        assertThat(passed).as(settings).isTrue();
    }

    /** The same network in double precision with plain gradient steps, as the gradient check requires. */
    private static ComputationGraph withoutUpdaters(ComputationGraph built) {
        ComputationGraphConfiguration conf = built.getConfiguration().clone();
        conf.setDataType(DataType.DOUBLE);
        for (GraphVertex vertex : conf.getVertices().values()) {
            if (vertex instanceof LayerVertex layer && layer.getLayerConf().getLayer() instanceof BaseLayer base) {
                base.setIUpdater(new NoOp());
                base.setBiasUpdater(new NoOp());
            } else if (vertex instanceof ProjectedAttentionVertex attention) {
                attention.setUpdater(new NoOp());
                attention.setBiasUpdater(new NoOp());
            }
        }
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static int longest(int[] lengths) {
        return java.util.Arrays.stream(lengths).max().orElseThrow();
    }

    private static INDArray oneHot(int classes, int[] lengths, Random random) {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, lengths.length, classes, longest(lengths));
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                x.putScalar(b, random.nextInt(classes), t, 1.0);
            }
        }
        return x;
    }

    private static INDArray mask(int[] lengths) {
        INDArray m = Nd4j.zeros(DataType.DOUBLE, lengths.length, longest(lengths));
        for (int b = 0; b < lengths.length; b++) {
            for (int t = 0; t < lengths[b]; t++) {
                m.putScalar(b, t, 1.0);
            }
        }
        return m;
    }
}
