package com.seqplay.engine.clipping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.seqplay.spec.ClippingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Each clipping mode really changes the update that is applied, exactly as the mode promises, and
 * {@link ClippingWatch} says so when, and only when, it happens. With plain SGD at rate 1 one
 * {@code fit} moves every parameter by minus the gradient the optimiser received, so the clipped
 * gradient can be read off the parameters and compared with a hand computation from the raw one.
 */
class ClippingModesTest {
    private static final int BATCH = 4;
    private static final int STEPS = 3;
    /** Large targets give a large gradient: every group's norm and many values are far above this. */
    private static final double THRESHOLD = 0.05;

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    /** The modes as NetworkBuilder hands them to DL4J; global-norm is our listener's job. */
    private static GradientNormalization dl4j(ClippingMode mode) {
        return switch (mode) {
            case NONE, GLOBAL_NORM -> GradientNormalization.None;
            case VALUE -> GradientNormalization.ClipElementWiseAbsoluteValue;
            case L2_LAYER -> GradientNormalization.ClipL2PerLayer;
            case L2_PARAM_TYPE -> GradientNormalization.ClipL2PerParamType;
            case RENORM_LAYER -> GradientNormalization.RenormalizeL2PerLayer;
        };
    }

    private static MultiLayerNetwork net(ClippingMode mode, double threshold) {
        var conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(42).updater(new Sgd(1.0))
                .gradientNormalization(dl4j(mode)).gradientNormalizationThreshold(threshold)
                .list()
                .layer(new SimpleRnn.Builder().nIn(2).nOut(3).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).nIn(3).nOut(2).build())
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static DataSet data() {
        Nd4j.getRandom().setSeed(7);
        return new DataSet(Nd4j.randn(DataType.DOUBLE, BATCH, 2, STEPS),
                Nd4j.randn(DataType.DOUBLE, BATCH, 2, STEPS).muli(20));
    }

    /** The mean gradient of the batch per variable ("0_W", "0_RW", "0_b", "1_W", ...), before any clipping. */
    private static Map<String, INDArray> rawMeanGradient(ClippingMode mode, double threshold, DataSet ds) {
        var net = net(mode, threshold);
        net.setInput(ds.getFeatures());
        net.setLabels(ds.getLabels());
        net.computeGradientAndScore();
        return copy(net.gradient().gradientForVariable(), g -> g.div(BATCH));
    }

    /** One SGD step with the watch listening as TrainingMonitor does; returns minus the parameter change. */
    private static Map<String, INDArray> appliedUpdate(MultiLayerNetwork net, ClippingWatch watch, DataSet ds) {
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void onGradientCalculation(Model model) {
                watch.onGradientCalculation(model);
            }
        });
        Map<String, INDArray> before = copy(net.paramTable(), INDArray::dup);
        net.fit(ds);
        Map<String, INDArray> after = net.paramTable();
        return copyByName(before, (k, b) -> b.sub(after.get(k)));
    }

    /** The clipped gradient by hand, from the raw one and the mode's definition. */
    private static Map<String, INDArray> byHand(ClippingMode mode, Map<String, INDArray> raw, double t) {
        return switch (mode) {
            case NONE -> raw;
            case VALUE -> copy(raw, g -> Transforms.min(Transforms.max(g, -t), t));
            case L2_PARAM_TYPE -> copy(raw, g -> g.mul(Math.min(1, t / norm(g))));
            case L2_LAYER -> copyByName(raw, (k, g) -> g.mul(Math.min(1, t / norm(layerOf(k), raw))));
            case RENORM_LAYER -> copyByName(raw, (k, g) -> g.div(norm(layerOf(k), raw)));
            case GLOBAL_NORM -> {
                double all = Math.sqrt(raw.values().stream().mapToDouble(g -> norm(g) * norm(g)).sum());
                yield copy(raw, g -> g.mul(Math.min(1, t / all)));
            }
        };
    }

    @ParameterizedTest
    @EnumSource(value = ClippingMode.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void a_large_gradient_is_clipped_as_the_mode_defines_and_the_watch_reports_it(ClippingMode mode) {
        DataSet ds = data();
        Map<String, INDArray> raw = rawMeanGradient(mode, THRESHOLD, ds);
        Map<String, INDArray> unclipped = appliedUpdate(net(ClippingMode.NONE, THRESHOLD),
                new ClippingWatch(ClippingMode.NONE, null), ds);
        ClippingWatch watch = new ClippingWatch(mode, THRESHOLD);

        Map<String, INDArray> applied = appliedUpdate(net(mode, THRESHOLD), watch, ds);

        assertClose(raw, unclipped, "without clipping the update is the raw mean gradient");
        assertClose(byHand(mode, raw, THRESHOLD), applied, mode + ": the applied update is the clipped gradient");
        double change = raw.keySet().stream().mapToDouble(k -> norm(applied.get(k).sub(unclipped.get(k)))).max()
                .orElseThrow();
        assertTrue(change > 0.1 * THRESHOLD, mode + " changed the update (by " + change + ")");
        assertTrue(watch.lastClipped(), mode + ": 'clipped' says it acted");
        assertEquals(globalNorm(raw), watch.lastNorm(), 1e-9 * globalNorm(raw), "the norm reported is before clipping");
    }

    @ParameterizedTest
    @EnumSource(value = ClippingMode.class, names = {"VALUE", "L2_LAYER", "L2_PARAM_TYPE", "GLOBAL_NORM"})
    void below_the_threshold_nothing_changes_and_the_watch_says_so(ClippingMode mode) {
        DataSet ds = data();
        double above = 2 * globalNorm(rawMeanGradient(ClippingMode.NONE, 1, ds)); // above every value and norm
        Map<String, INDArray> unclipped = appliedUpdate(net(ClippingMode.NONE, above),
                new ClippingWatch(ClippingMode.NONE, null), ds);
        ClippingWatch watch = new ClippingWatch(mode, above);

        Map<String, INDArray> applied = appliedUpdate(net(mode, above), watch, ds);

        assertClose(unclipped, applied, mode + " below its threshold leaves the update alone");
        assertFalse(watch.lastClipped(), mode + ": 'clipped' says it did not act");
    }

    @Test
    void renormalisation_leaves_a_zero_gradient_alone_and_the_watch_says_so() {
        var net = net(ClippingMode.RENORM_LAYER, 1);
        DataSet ds = data();
        // Targets equal to the outputs: the loss is 0 and so is every gradient.
        DataSet perfect = new DataSet(ds.getFeatures(), net.output(ds.getFeatures()));
        ClippingWatch watch = new ClippingWatch(ClippingMode.RENORM_LAYER, null);

        Map<String, INDArray> applied = appliedUpdate(net, watch, perfect);

        applied.values().forEach(u -> assertEquals(0.0, u.amaxNumber().doubleValue(), 1e-12));
        assertFalse(watch.lastClipped(), "a zero gradient stays zero: renormalisation changed nothing");
    }

    @Test
    void renormalisation_counts_as_clipping_only_when_it_changes_a_layers_norm_noticeably() {
        assertTrue(ClippingWatch.renormChanges(2.0));
        assertTrue(ClippingWatch.renormChanges(0.5));
        assertFalse(ClippingWatch.renormChanges(1.0));
        assertFalse(ClippingWatch.renormChanges(1.0 + ClippingWatch.RENORM_TOLERANCE / 2));
        assertFalse(ClippingWatch.renormChanges(0.0));
    }

    private static void assertClose(Map<String, INDArray> expected, Map<String, INDArray> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (String k : expected.keySet()) {
            double scale = Math.max(1e-3, norm(expected.get(k)));
            double diff = norm(expected.get(k).sub(actual.get(k)));
            assertTrue(diff <= 1e-9 * scale, what + ": " + k + " differs by " + diff + " (norm " + scale + ")");
        }
    }

    private static String layerOf(String variable) {
        return variable.substring(0, variable.lastIndexOf('_'));
    }

    private static double norm(String layer, Map<String, INDArray> raw) {
        return Math.sqrt(raw.entrySet().stream().filter(e -> layerOf(e.getKey()).equals(layer))
                .mapToDouble(e -> norm(e.getValue()) * norm(e.getValue())).sum());
    }

    private static double globalNorm(Map<String, INDArray> raw) {
        return Math.sqrt(raw.values().stream().mapToDouble(g -> norm(g) * norm(g)).sum());
    }

    private static double norm(INDArray a) {
        return a.norm2Number().doubleValue();
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> in, Function<INDArray, INDArray> f) {
        return copyByName(in, (k, v) -> f.apply(v));
    }

    private static Map<String, INDArray> copyByName(Map<String, INDArray> in,
            java.util.function.BiFunction<String, INDArray, INDArray> f) {
        return in.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> f.apply(e.getKey(),
                e.getValue().dup()), (a, b) -> a, LinkedHashMap::new));
    }
}
