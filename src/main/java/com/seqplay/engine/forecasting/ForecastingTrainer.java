package com.seqplay.engine.forecasting;

import com.seqplay.engine.BestEpoch;
import com.seqplay.dataset.ChronologicalSplit;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.dataset.Series;
import com.seqplay.dataset.SeriesFileParser;
import com.seqplay.dataset.builtin.MackeyGlass;
import com.seqplay.dataset.builtin.SeasonalSeries;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.NetworkBuilder;
import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.metrics.Baselines;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.forecasting.ForecastingTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Time-series forecasting: a recurrent network reads a window of past values and predicts the
 * next {@code horizon} values at once (a direct multi-step forecast).
 *
 * <ul>
 *   <li>Data: {@code builtin:seasonal} (period {@value #SEASONAL_PERIOD}), {@code builtin:mackey-glass},
 *       or an uploaded file ({@link TrainingContext#datasetFile()}), cut by {@link ChronologicalSplit}.</li>
 *   <li>Training examples: every window whose targets lie in the training part (stride 1),
 *       shuffled each epoch; inputs as {@link Windows} describes, normaliser fitted on the training part.</li>
 *   <li>Each epoch: {@code val_loss} (mean squared error per predicted value in standardised
 *       units over every validation window, the same measure as {@code train_loss}), and
 *       {@code mae}, {@code rmse}, {@code smape}, {@code mase} on the test tail ({@link TailForecasts})
 *       in the series' own units, and a {@code forecast} sample.</li>
 *   <li>The epoch with the lowest {@code val_loss} is checkpointed and its test scores are the
 *       run's result; with {@code patience > 0} training stops after that many epochs without a
 *       better {@code val_loss}.</li>
 * </ul>
 */
public final class ForecastingTrainer implements TaskTrainer {
    /** The season of {@code builtin:seasonal}. */
    public static final int SEASONAL_PERIOD = ForecastingTask.SEASONAL_PERIOD;
    /** Forecasting windows are scored in batches of this size (inference only). */
    private static final int EVAL_BATCH = 512;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void train(TrainingContext ctx) throws Exception {
        RunSpec spec = ctx.spec();
        EventSink sink = ctx.sink();
        String name = ctx.datasetFile().map(p -> p.getFileName().toString()).orElse(spec.dataset());
        Series series = load(spec, ctx);
        int window = spec.forecasting().window();
        int horizon = spec.forecasting().horizon();
        ChronologicalSplit split = ChronologicalSplit.checked(name, series, window, horizon);
        double[] values = series.values();
        double[] training = split.train(values);
        int period = period(spec, name, training);
        var setup = new ForecastSetup(window, horizon, period, Normaliser.fit(training));
        setup.save(ctx.runDir());

        // every window whose targets lie inside the part: training [window, trainEnd - horizon], validation after it
        DataSet trainData = Windows.examples(values, window, split.trainEnd() - horizon, 1, setup);
        DataSet validationData = Windows.examples(values, split.trainEnd(), split.validationEnd() - horizon, 1, setup);
        int batchesPerEpoch = (trainData.numExamples() + spec.batchSize() - 1) / spec.batchSize();
        sink.emit(TrainerEvent.log(String.format(
                "%s: %d values; training %d (%d windows), validation %d, test tail %d (%d forecasts of %d); "
                        + "period %d%s; normaliser mean %.4g, std %.4g",
                name, values.length, split.trainLength(), trainData.numExamples(), split.validationLength(),
                split.testLength(), split.testLength() / horizon, horizon, period,
                spec.forecasting().period() == 0 ? " (detected)" : "", setup.normaliser().mean(), setup.normaliser().std())));

        MultiLayerNetwork net = NetworkBuilder.sequenceRegressor(spec, 1, horizon);
        // DL4J's MSE score is already the mean over the horizon and the minibatch
        var monitor = new TrainingMonitor(sink, spec, (long) spec.epochs() * batchesPerEpoch, 1);
        List<TrainingListener> listeners = new ArrayList<>(ctx.extraListeners());
        listeners.add(0, monitor);
        net.setListeners(listeners);
        var forecaster = new Forecaster(net, setup);

        var best = new BestEpoch(spec.patience());
        Map<String, Double> bestMetrics = null;
        Map<String, Double> baselines = null;
        for (int epoch = 1; epoch <= spec.epochs() && !ctx.clock().expired(); epoch++) {
            monitor.startEpoch(epoch);
            trainData.shuffle(spec.seed() + epoch);
            for (DataSet batch : trainData.batchBy(spec.batchSize())) {
                net.fit(batch);
                if (ctx.clock().expired()) {
                    sink.emit(TrainerEvent.log("Wall-time limit of " + spec.maxWallSeconds() + " s reached"));
                    break;
                }
            }
            long step = monitor.step();
            int done = epoch;
            double valLoss = meanSquaredError(net, validationData);
            sink.emit(TrainerEvent.metric("val_loss", step, epoch, valLoss));
            TailForecasts tail = TailForecasts.of(values, split, forecaster);
            Map<String, Double> scores = tail.modelScores(training, period);
            scores.forEach((metric, value) -> sink.emit(TrainerEvent.metric(metric, step, done, value)));
            sink.emit(TrainerEvent.sample("forecast", epoch, sampleJson(values, series, tail, setup)));
            if (baselines == null) {
                baselines = tail.baselineScores(training, period);
            }
            if (best.offer(epoch, valLoss)) {
                bestMetrics = new LinkedHashMap<>(scores);
                Checkpoints.save(net, ctx.runDir(), epoch, sink);
            } else if (best.shouldStop(epoch)) {
                sink.emit(TrainerEvent.log("Early stop after epoch " + epoch + ": no better val_loss for "
                        + spec.patience() + " epochs; keeping epoch " + best.epoch()));
                break;
            }
        }
        if (bestMetrics == null) {
            throw new IllegalStateException("no epoch finished with a finite val_loss within the wall-time limit of "
                    + spec.maxWallSeconds() + " s");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", best.loss());
        metrics.putAll(bestMetrics);
        sink.emit(TrainerEvent.result("SUCCEEDED", metrics, baselines, String.format(
                "Test MASE %.3f at epoch %d (seasonal naive %.3f, naive %.3f; period %d)", metrics.get("mase"),
                best.epoch(), baselines.get("seasonal_naive_mase"), baselines.get("naive_mase"), period)));
    }

    static Series load(RunSpec spec, TrainingContext ctx) throws IOException {
        if (ctx.datasetFile().isPresent()) {
            Path file = ctx.datasetFile().get();
            return ForecastingTask.parser(spec.forecasting()).parse(file.getFileName().toString(), Files.readAllBytes(file));
        }
        return switch (spec.dataset()) {
            case "builtin:seasonal" -> SeasonalSeries.generate(spec.forecasting().builtinSize(), SEASONAL_PERIOD, spec.seed());
            case "builtin:mackey-glass" -> MackeyGlass.generate(spec.forecasting().builtinSize(), spec.seed());
            default -> throw new IllegalArgumentException("'" + spec.dataset()
                    + "' is not a built-in forecasting dataset: use builtin:seasonal or builtin:mackey-glass");
        };
    }

    /** The specification's period, or the one detected on the training part (1 when it has no season). */
    static int period(RunSpec spec, String name, double[] training) {
        if (spec.forecasting().period() > 0) {
            if (spec.forecasting().period() >= training.length) {
                throw new IllegalArgumentException(name + ": a period of " + spec.forecasting().period()
                        + " needs a training part longer than that, it has " + training.length + " values");
            }
            return spec.forecasting().period();
        }
        return Baselines.detectPeriod(training, training.length / 2);
    }

    /** Mean squared error per predicted value, in the standardised relative units the model is trained in. */
    static double meanSquaredError(MultiLayerNetwork net, DataSet data) {
        double sum = 0;
        long count = 0;
        for (DataSet batch : data.batchBy(EVAL_BATCH)) {
            INDArray error = net.output(batch.getFeatures(), false).sub(batch.getLabels());
            sum += error.mul(error).sumNumber().doubleValue();
            count += error.length();
        }
        return sum / count;
    }

    /**
     * The first test window for the UI to draw: the window the model read ({@code history}), then
     * {@code actual} beside the model's {@code forecast} and both baselines, all of length
     * {@code horizon}; {@code origin} is the index of the first forecast point in the series,
     * {@code dates} (when the series has them) cover history and actual.
     */
    static String sampleJson(double[] values, Series series, TailForecasts tail, ForecastSetup setup)
            throws JsonProcessingException {
        int origin = tail.origins()[0];
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("origin", origin);
        sample.put("period", setup.period());
        sample.put("history", Arrays.copyOfRange(values, origin - setup.window(), origin));
        sample.put("actual", tail.first(tail.actual()));
        sample.put("forecast", tail.first(tail.forecast()));
        sample.put("naive", tail.first(tail.naive()));
        sample.put("seasonalNaive", tail.first(tail.seasonalNaive()));
        if (series.dates() != null) {
            sample.put("dates", series.dates().subList(origin - setup.window(), origin + setup.horizon()));
        }
        return JSON.writeValueAsString(sample);
    }
}
