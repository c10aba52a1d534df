package com.seqplay.engine.health;

import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.health.EpochMeans;
import com.seqplay.events.health.HealthFlag;
import com.seqplay.events.health.HealthQuantity;
import com.seqplay.events.health.HealthSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Watches training health per layer: the update-to-parameter ratio, the spread of the layer's
 * activations and of its gradient (the quantities of {@link HealthQuantity}). It measures the first
 * iteration of each epoch and every {@code every}-th after it, reports each measurement as a
 * metric point, and keeps the run's flag ({@link HealthSummary}, judged per epoch by
 * {@link com.seqplay.events.health.HealthRules}) in the run folder.
 *
 * <p>Put it in front of {@link TrainingMonitor}: then it sees the raw gradient before global-norm
 * clipping rescales it. What it reads, and when (DL4J's listener order within an iteration):
 * <ul>
 *   <li>{@code onForwardPass}: each layer's output activations;</li>
 *   <li>{@code onGradientCalculation}: the parameters before the update and the gradient (a sum
 *       over the minibatch: divided by the batch size, as the updater does);</li>
 *   <li>{@code iterationDone}: the gradient array now holds the update the optimiser applied.</li>
 * </ul>
 * A layer is a name in DL4J's parameter keys ({@code 0_W} and {@code 0_RW} belong to layer
 * {@code 0}; in a graph, {@code encoder_W} to {@code encoder}); the norms pool all its parameters,
 * so a zero-initialised bias does not dominate.
 */
public final class TrainingHealthWatch extends BaseTrainingListener {
    /** Measure one iteration in this many: a measurement costs a few reductions per parameter array. */
    public static final int DEFAULT_EVERY = 10;
    /** Judge the epoch in progress only once it has this many measurements (one step is noisy). */
    private static final int MIN_SAMPLES_TO_JUDGE = 3;
    private final EventSink sink;
    private final IntSupplier currentEpoch;
    private final Path runDir;
    private final int every;
    private final EpochMeans means = new EpochMeans();
    private Map<String, List<String>> layers;
    private long step;
    private int epoch = Integer.MIN_VALUE;
    private int iterationInEpoch;
    private int samplesInEpoch;
    private boolean inIteration;
    private boolean measuring;
    private final Map<String, Double> parameterNorms = new LinkedHashMap<>();
    private HealthSummary written;
    /** Time spent measuring, for the overhead benchmark. */
    private long measuringNanos;

    /**
     * @param currentEpoch the epoch the iterations belong to (the run's epoch loop sets it)
     * @param runDir where to keep the flag; null to keep none
     * @param every measure one iteration in this many (1: every iteration)
     */
    public TrainingHealthWatch(EventSink sink, IntSupplier currentEpoch, Path runDir, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, was " + every);
        }
        this.sink = sink;
        this.currentEpoch = currentEpoch;
        this.runDir = runDir;
        this.every = every;
    }

    /** The watch of a real run: epochs from the run's monitor, the flag in the run's folder. */
    public static TrainingHealthWatch of(TrainingContext ctx, TrainingMonitor monitor) {
        return new TrainingHealthWatch(ctx.sink(), monitor::epoch, ctx.runDir(), DEFAULT_EVERY);
    }

    /** Milliseconds spent measuring so far. */
    double measuringMillis() {
        return measuringNanos / 1e6;
    }

    /** Iterations seen so far. */
    long iterations() {
        return step;
    }

    /** The means so far (for tests and the benchmark). */
    EpochMeans means() {
        return means;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        begin(model);
        if (measuring) {
            long start = System.nanoTime();
            // index 0 is the network's input, index i + 1 the output of layer i
            for (int i = 1; i < activations.size(); i++) {
                report(HealthQuantity.ACTIVATION_STD, String.valueOf(i - 1), activations.get(i));
            }
            measuringNanos += System.nanoTime() - start;
        }
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        begin(model);
        if (measuring) {
            long start = System.nanoTime();
            activations.forEach((name, a) -> report(HealthQuantity.ACTIVATION_STD, name, a));
            measuringNanos += System.nanoTime() - start;
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        begin(model);
        if (!measuring) {
            return;
        }
        long start = System.nanoTime();
        Map<String, INDArray> params = model.paramTable();
        Map<String, INDArray> gradients = model.gradient().gradientForVariable();
        double divisor = model.conf().isMiniBatch() ? Math.max(1, model.batchSize()) : 1.0;
        parameterNorms.clear();
        layers.forEach((layer, keys) -> {
            double paramSquares = 0;
            double sum = 0;
            double squares = 0;
            long count = 0;
            for (String key : keys) {
                paramSquares += square(params.get(key).norm2Number().doubleValue());
                INDArray g = gradients.get(key);
                if (g != null) {
                    sum += g.sumNumber().doubleValue() / divisor;
                    squares += square(g.norm2Number().doubleValue() / divisor);
                    count += g.length();
                }
            }
            parameterNorms.put(layer, Math.sqrt(paramSquares));
            if (count > 0) {
                double mean = sum / count;
                emit(HealthQuantity.GRADIENT_STD, layer, Math.sqrt(Math.max(0, squares / count - mean * mean)));
            }
        });
        measuringNanos += System.nanoTime() - start;
    }

    @Override
    public void iterationDone(Model model, int iteration, int dl4jEpoch) {
        begin(model);
        double loss = model.score();
        if (!Double.isFinite(loss)) {
            // checked every iteration (the score is already computed): the run ends here, diverged,
            // and its flag must say why even when this iteration was not one of the measured ones
            keep(new HealthSummary(HealthFlag.EXPLODING, epoch, null, "the loss became " + loss + " at step " + step));
        }
        if (measuring) {
            long start = System.nanoTime();
            Map<String, INDArray> updates = model.gradient().gradientForVariable();
            layers.forEach((layer, keys) -> {
                Double parameterNorm = parameterNorms.get(layer);
                if (parameterNorm == null || parameterNorm == 0) {
                    return; // an all-zero layer has no size to compare the step with
                }
                double squares = 0;
                for (String key : keys) {
                    INDArray u = updates.get(key);
                    if (u != null) {
                        squares += square(u.norm2Number().doubleValue());
                    }
                }
                emit(HealthQuantity.UPDATE_RATIO, layer, Math.sqrt(squares) / parameterNorm);
            });
            samplesInEpoch++;
            if (samplesInEpoch >= MIN_SAMPLES_TO_JUDGE || !allFinite()) {
                judge(epoch);
            }
            measuringNanos += System.nanoTime() - start;
        }
        inIteration = false;
    }

    /** Starts an iteration at its first callback: counts it and decides whether to measure it. */
    private void begin(Model model) {
        if (inIteration) {
            return;
        }
        inIteration = true;
        if (layers == null) {
            layers = layersOf(model);
        }
        step++;
        int e = currentEpoch.getAsInt();
        if (e != epoch) {
            if (epoch != Integer.MIN_VALUE) {
                judge(epoch); // the finished epoch, with all its measurements
            }
            epoch = e;
            iterationInEpoch = 0;
            samplesInEpoch = 0;
        }
        measuring = iterationInEpoch % every == 0;
        iterationInEpoch++;
    }

    private void report(HealthQuantity quantity, String layer, INDArray activations) {
        if (layers.containsKey(layer) && activations != null && activations.length() > 1) {
            emit(quantity, layer, activations.stdNumber().doubleValue());
        }
    }

    private void emit(HealthQuantity quantity, String layer, double value) {
        means.add(quantity, layer, epoch, value);
        sink.emit(new TrainerEvent.Metric(quantity.series(layer), step, epoch, value));
    }

    private boolean allFinite() {
        return means.of(HealthQuantity.UPDATE_RATIO, epoch).values().stream().allMatch(Double::isFinite)
                && means.of(HealthQuantity.GRADIENT_STD, epoch).values().stream().allMatch(Double::isFinite);
    }

    /** Keeps the flag in the run folder whenever it first appears or gets worse. */
    private void judge(int judgedEpoch) {
        means.judge(judgedEpoch).ifPresent(summary -> {
            keep(summary);
        });
    }

    private void keep(HealthSummary summary) {
        HealthSummary worst = written == null ? summary : written.worse(summary);
        if (worst != written) {
            written = worst;
            save(worst);
        }
    }

    private void save(HealthSummary summary) {
        if (runDir == null) {
            return;
        }
        try {
            summary.write(runDir);
        } catch (IOException e) {
            sink.emit(new TrainerEvent.Log("Could not keep the training-health flag in " + runDir + ": " + e.getMessage()));
        }
    }

    /** Parameter keys grouped by layer, in the network's order. */
    static Map<String, List<String>> layersOf(Model model) {
        Map<String, List<String>> layers = new LinkedHashMap<>();
        for (String key : model.paramTable().keySet()) {
            int cut = key.lastIndexOf('_');
            String layer = cut < 0 ? key : key.substring(0, cut);
            layers.computeIfAbsent(layer, l -> new java.util.ArrayList<>()).add(key);
        }
        return layers;
    }

    private static double square(double v) {
        return v * v;
    }
}
