package com.seqplay.engine.forecasting;

import com.seqplay.dataset.ChronologicalSplit;
import com.seqplay.dataset.Series;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.EpochLoop;
import com.seqplay.engine.EpochTask;
import com.seqplay.engine.TaskState;
import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.ForecastSample;
import com.seqplay.metrics.Baselines;
import com.seqplay.metrics.HoltWinters;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.forecasting.ForecastingTask;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
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
 *   <li>The epoch with the lowest {@code val_loss} gives the run's result: its test scores
 *       (checkpoint, early stopping and time limit as {@link EpochLoop} rules).</li>
 * </ul>
 */
public final class ForecastingTrainer implements TaskTrainer {
    /** The season of {@code builtin:seasonal}. */
    public static final int SEASONAL_PERIOD = ForecastingTask.SEASONAL_PERIOD;
    /** Forecasting windows are scored in batches of this size (inference only). */
    private static final int EVAL_BATCH = 512;

    @Override
    public void train(TrainingContext ctx) throws Exception {
        RunSpec spec = ctx.spec();
        EventSink sink = ctx.sink();
        String name = ctx.datasetFile().map(p -> p.getFileName().toString()).orElse(spec.dataset());
        Series series = load(spec, ctx);
        int window = spec.forecasting().window();
        int horizon = spec.forecasting().horizon();
        double[] values = series.values();
        int period = period(spec, name, ChronologicalSplit.of(values.length, horizon).train(values));
        ChronologicalSplit split = ChronologicalSplit.checked(name, series, Math.max(window, period), horizon);
        double[] training = split.train(values);
        ForecastModel model = ForecastModel.build(spec, values, split.trainEnd(), split.validationEnd(), period);
        MultiLayerNetwork net = model.net;
        DataSet trainData = model.training;
        DataSet validationData = model.validation;
        if (ctx.resume()) {
            // the saved setup holds the best epoch's intervals; it must describe the same data
            ForecastSetup saved = ForecastSetup.load(ctx.runDir());
            if (!saved.normaliser().equals(model.setup.normaliser()) || saved.log() != model.setup.log()
                    || saved.period() != model.setup.period()) {
                throw new IllegalStateException("the run folder's " + ForecastSetup.FILE + " does not match the "
                        + "data: the dataset changed since the run started, so it cannot be resumed");
            }
        } else {
            model.setup.save(ctx.runDir());
        }
        // Holt-Winters sees what the network sees: everything before the test tail
        HoltWinters.Model hw = TailForecasts.holtWinters(values, split.validationEnd(), period);

        int batchesPerEpoch = (trainData.numExamples() + spec.batchSize() - 1) / spec.batchSize();
        sink.emit(new TrainerEvent.Log(String.format(
                "%s: %d values; training %d (%d windows), validation %d, test tail %d (%d forecasts of %d); "
                        + "period %d%s; %s; normaliser mean %.4g, std %.4g; baseline %s",
                name, values.length, split.trainLength(), trainData.numExamples(), split.validationLength(),
                split.testLength(), split.testLength() / horizon, horizon, period,
                spec.forecasting().period() == 0 ? " (detected)" : "",
                model.setup.log() ? "logarithms of the values" : "the values themselves",
                model.setup.normaliser().mean(), model.setup.normaliser().std(),
                hw == null ? "Holt-Winters: too few values" : hw.describe())));

        // DL4J's MSE score is already the mean over the horizon and the minibatch
        var monitor = new TrainingMonitor(sink, spec, (long) spec.epochs() * batchesPerEpoch, 1);
        List<TrainingListener> listeners = new ArrayList<>(ctx.extraListeners());
        listeners.add(0, monitor);
        net.setListeners(listeners);
        var forecaster = new Forecaster(net, model.setup);

        EpochLoop.of(ctx, monitor).run(new EpochTask<DataSet>() {
            /** The baselines do not depend on the model: scored once, at the first evaluation. */
            private Map<String, Double> baselines;

            /** Epochs whose shuffle the data's order has been through: each shuffles the order the last one left. */
            private int shuffled;

            @Override
            public Iterable<DataSet> batches(int epoch) {
                trainData.shuffle(spec.seed() + epoch);
                shuffled = epoch;
                return trainData.batchBy(spec.batchSize());
            }

            @Override
            public void fit(DataSet batch) {
                net.fit(batch);
            }

            @Override
            public Evaluation evaluate(int epoch) {
                forecaster.setup(model.setup.withIntervals(Intervals.halfWidths(net, trainData, validationData)));
                TailForecasts tail = TailForecasts.of(values, split, forecaster, hw);
                if (baselines == null) {
                    baselines = tail.baselineScores(training, period);
                }
                return new Evaluation(meanSquaredError(net, validationData), tail.modelScores(training, period),
                        List.of(sample(values, series, tail, forecaster.setup())));
            }

            @Override
            public void saveModel(Path file) throws IOException {
                Checkpoints.write(net, file);
                forecaster.setup().save(ctx.runDir()); // with the intervals of this (best) epoch
            }

            @Override
            public Model network() {
                return net;
            }

            /** The data order is replayed from the seed (a few shuffles); the baselines are kept for a resume right before scoring. */
            @Override
            public void saveState(TaskState state) throws IOException {
                state.putNumbers("baselines", baselines);
                state.putLong("shuffled_epochs", shuffled);
            }

            @Override
            public void restoreState(TaskState state) throws IOException {
                baselines = state.getNumbers("baselines");
                for (int e = 1; e <= state.getLong("shuffled_epochs"); e++) {
                    batches(e);
                }
            }

            @Override
            public FinalScores finish(BestEvaluation best) throws Exception {
                Map<String, Double> scores = new LinkedHashMap<>(best.evaluation().metrics());
                Map<String, Double> allBaselines = new LinkedHashMap<>(baselines);
                String backtest = "";
                int folds = spec.forecasting().backtests();
                if (folds > 0) {
                    List<Backtest.Fold> done = Backtest.run(spec, values, period, folds, ctx.clock(),
                            text -> sink.emit(new TrainerEvent.Log(text)));
                    if (!done.isEmpty()) {
                        scores.putAll(Backtest.summary(done, false));
                        scores.put("backtest_folds", (double) done.size());
                        allBaselines.putAll(Backtest.summary(done, true));
                        backtest = String.format(Locale.ROOT, "; backtest over %d cut-offs: MASE %.3f +- %.3f "
                                + "(seasonal naive %.3f, Holt-Winters %.3f), coverage of the %.0f%% intervals %.2f",
                                done.size(), scores.get("backtest_mase"), scores.get("backtest_mase_std"),
                                allBaselines.get("backtest_seasonal_naive_mase"),
                                allBaselines.get("backtest_holt_winters_mase"), Intervals.LEVEL * 100,
                                scores.get("backtest_coverage"));
                    }
                }
                return new FinalScores(scores, allBaselines, String.format(Locale.ROOT,
                        "Test MASE %.3f at epoch %d (seasonal naive %.3f, naive %.3f, Holt-Winters %.3f; period %d)%s",
                        scores.get("mase"), best.epoch(), baselines.get("seasonal_naive_mase"),
                        baselines.get("naive_mase"), baselines.get("holt_winters_mase"), period, backtest));
            }
        });
    }

    static Series load(RunSpec spec, TrainingContext ctx) throws IOException {
        if (ctx.datasetFile().isPresent()) {
            Path file = ctx.datasetFile().get();
            return ForecastingTask.parser(spec.forecasting()).parse(file.getFileName().toString(), Files.readAllBytes(file));
        }
        return ForecastingTask.builtinSeries(spec.dataset(), spec.forecasting().builtinSize(), spec.seed());
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
     * The first test window for the UI to draw: the window the model read, then the actual values
     * beside the model's forecast and both baselines, with the dates when the series has them.
     */
    static ForecastSample sample(double[] values, Series series, TailForecasts tail, ForecastSetup setup) {
        int origin = tail.origins()[0];
        return new ForecastSample(origin, setup.period(), Arrays.copyOfRange(values, origin - setup.window(), origin),
                tail.first(tail.actual()), tail.first(tail.forecast()), tail.first(tail.naive()),
                tail.first(tail.seasonalNaive()),
                series.dates() == null ? null : series.dates().subList(origin - setup.window(), origin + setup.horizon()),
                tail.first(tail.holtWinters()), tail.first(tail.lower()), tail.first(tail.upper()));
    }
}
