package com.seqplay.engine.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.seqplay.events.TrainerEvent;
import com.seqplay.events.health.HealthFlag;
import com.seqplay.events.health.HealthQuantity;
import com.seqplay.events.health.HealthSummary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The health measurements equal hand computations: with plain SGD the update is the learning rate
 * times the gradient, so the update-to-parameter ratio of a one-layer model can be worked out on
 * paper, and for a recurrent model it can be read off the parameters before and after a step.
 */
class TrainingHealthWatchTest {
    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private final List<TrainerEvent.Metric> metrics = new ArrayList<>();

    private TrainingHealthWatch watch(Path dir, int every) {
        return new TrainingHealthWatch(e -> {
            if (e instanceof TrainerEvent.Metric m) {
                metrics.add(m);
            }
        }, () -> 1, dir, every);
    }

    private double only(String series) {
        List<Double> values = metrics.stream().filter(m -> m.name().equals(series)).map(TrainerEvent.Metric::value).toList();
        assertEquals(1, values.size(), series + " in " + metrics);
        return values.get(0);
    }

    /**
     * One linear unit y = w·x + b, squared error, one example x = (1, 2, 3), target 0:
     * w = (0.5, -0.25, 0.1), b = 0.2 give y = 0.5, so dL/dy = 2 (y - t) = 1 and the gradient is
     * (1, 2, 3) for w and 1 for b. The SGD step at rate 0.1 is 0.1 (1, 2, 3, 1), of norm
     * 0.1 sqrt(15); the parameters' norm is sqrt(0.3625).
     */
    @Test
    void updateRatioOfOneDenseLayerWithSgdMatchesTheHandComputation(@TempDir Path dir) {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1).updater(new Sgd(0.1))
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).nIn(3).nOut(1).build())
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        net.setParams(Nd4j.createFromArray(0.5, -0.25, 0.1, 0.2).reshape(1, 4));
        net.setListeners(watch(dir, 1));

        var example = new DataSet(Nd4j.createFromArray(new double[][] {{1, 2, 3}}),
                Nd4j.createFromArray(new double[][] {{0}}));
        net.fit(example);

        double expectedRatio = 0.1 * Math.sqrt(15) / Math.sqrt(0.3625);
        assertEquals(expectedRatio, only("health.update_ratio.0"), 1e-9);
        // gradient entries (1, 2, 3, 1): mean 1.75, population spread sqrt(3.75 - 1.75^2)
        assertEquals(Math.sqrt(3.75 - 1.75 * 1.75), only("health.grad_std.0"), 1e-9);
        // a ratio of 0.64 is far above 1e-1: each step moves the layer by most of its size; the epoch
        // is judged once it has three measurements
        assertTrue(HealthSummary.read(dir).isEmpty());
        net.fit(example);
        net.fit(example);
        assertEquals(HealthFlag.EXPLODING, HealthSummary.read(dir).orElseThrow().flag());
    }

    /** A plain RNN under a linear read-out: the ratio per layer equals |θ_before - θ_after| / |θ_before|. */
    @Test
    void updateRatioOfARecurrentLayerEqualsTheParameterChange() {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3).updater(new Sgd(0.01))
                .list()
                .layer(new SimpleRnn.Builder().nIn(2).nOut(4).activation(Activation.TANH).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).nIn(4).nOut(1).build())
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        net.setListeners(watch(null, 1));
        Nd4j.getRandom().setSeed(5);
        var data = new DataSet(Nd4j.randn(DataType.DOUBLE, 3, 2, 5), Nd4j.randn(DataType.DOUBLE, 3, 1, 5));
        Map<String, INDArray> before = copy(net.paramTable());
        double activationStd = net.feedForward(data.getFeatures()).get(1).stdNumber().doubleValue();

        net.fit(data);

        Map<String, INDArray> after = net.paramTable();
        for (String layer : List.of("0", "1")) {
            double moved = 0;
            double size = 0;
            for (var e : before.entrySet()) {
                if (e.getKey().startsWith(layer + "_")) {
                    moved += Math.pow(e.getValue().sub(after.get(e.getKey())).norm2Number().doubleValue(), 2);
                    size += Math.pow(e.getValue().norm2Number().doubleValue(), 2);
                }
            }
            assertEquals(Math.sqrt(moved / size), only("health.update_ratio." + layer), 1e-9, "layer " + layer);
        }
        // the recurrent layer's activations come from the forward pass (DL4J leaves the output layer's out)
        assertEquals(activationStd, only("health.act_std.0"), 1e-9);
        assertTrue(metrics.stream().noneMatch(m -> m.name().equals("health.act_std.1")));
    }

    @Test
    void measuresTheFirstIterationOfAnEpochAndThenEveryKth() {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1).updater(new Sgd(1e-3))
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).nIn(3).nOut(1).build())
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        net.setListeners(watch(null, 4));
        var data = new DataSet(Nd4j.ones(DataType.DOUBLE, 2, 3), Nd4j.zeros(DataType.DOUBLE, 2, 1));
        for (int i = 0; i < 10; i++) {
            net.fit(data);
        }
        Map<String, List<Long>> steps = metrics.stream().collect(Collectors.groupingBy(TrainerEvent.Metric::name,
                Collectors.mapping(TrainerEvent.Metric::step, Collectors.toList())));
        assertEquals(List.of(1L, 5L, 9L), steps.get(HealthQuantity.UPDATE_RATIO.series("0")));
        assertFalse(steps.containsKey("health.update_ratio.1"));
    }

    /** A loss that is no longer a number flags the run at once, measured iteration or not. */
    @Test
    void aNonFiniteLossFlagsExplodingAtOnce(@TempDir Path dir) {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1).updater(new Sgd(0.1))
                .list()
                .layer(new OutputLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).nIn(3).nOut(1).build())
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        net.setListeners(watch(dir, 100));
        var good = new DataSet(Nd4j.ones(DataType.DOUBLE, 1, 3), Nd4j.zeros(DataType.DOUBLE, 1, 1));
        net.fit(good);
        net.fit(new DataSet(Nd4j.ones(DataType.DOUBLE, 1, 3), Nd4j.valueArrayOf(new long[] {1, 1}, Double.NaN)));
        HealthSummary summary = HealthSummary.read(dir).orElseThrow();
        assertEquals(HealthFlag.EXPLODING, summary.flag());
        assertEquals("Exploding gradients in epoch 1: the loss became NaN at step 2.", summary.sentence());
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> params) {
        return params.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().dup()));
    }
}
