package com.seqplay.engine.forecasting;

import com.seqplay.dataset.ChronologicalSplit;
import com.seqplay.dataset.Series;
import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.DataSets;
import com.seqplay.engine.EpochLoop;
import com.seqplay.engine.EpochTask;
import com.seqplay.engine.TaskState;
import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.TrainingMonitor;
import com.seqplay.engine.health.TrainingHealthWatch;
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
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Time-series forecasting: a recurrent network reads a window of past values and predicts the
 * next {@code horizon} values at once (a direct multi-step forecast).
 *
 * <ul>
 *   <li>Data: {@code builtin:seasonal} (period {@value #SEASONAL_PERIOD}), {@code builtin:mackey-glass},
 *       or an uploaded file ({@link TrainingContext#datasetFile()}) of one or many series, each cut
 *       by {@link ChronologicalSplit}. One model learns from the windows of every series, each
 *       series scaled and referenced on its own ({@link ForecastModel}); the scores are the mean
 *       over the series, and each series' MASE beside its baselines is reported too
 *       ({@link SeriesScores}).</li>
 *   <li>With {@code ensemble} above 1, that many networks (seeds {@code seed}, {@code seed + 1}, ...)
 *       fit the same batches and their outputs are averaged; the first reports the loss curve.</li>
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
    /** Per-series samples emitted at the end of a run over many series; more series are left undrawn. */
    static final int MAX_SERIES_SAMPLES = 50;
    /** Prefix of the per-series keys in the result: {@code series.<name>.mase}, ... */
    public static final String SERIES_PREFIX = "series.";

    @Override
    public void train(TrainingContext ctx) throws Exception {
        RunSpec spec = ctx.spec();
        EventSink sink = ctx.sink();
        String name = ctx.datasetFile().map(p -> p.getFileName().toString()).orElse(spec.dataset());
        List<Series> all = load(spec, ctx);
        int count = all.size();
        int window = spec.forecasting().window();
        int horizon = spec.forecasting().horizon();
        List<double[]> values = all.stream().map(Series::values).toList();
        int period = period(spec, name, values, horizon);
        List<ChronologicalSplit> splits = new ArrayList<>();
        int[] trainEnds = new int[count];
        int[] validationEnds = new int[count];
        List<HoltWinters.Model> hws = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ChronologicalSplit split = ChronologicalSplit.checked(ForecastingTask.seriesLabel(name, all.get(i), count),
                    all.get(i), Math.max(window, period), horizon);
            splits.add(split);
            trainEnds[i] = split.trainEnd();
            validationEnds[i] = split.validationEnd();
            // Holt-Winters sees what the network sees: everything before the test tail
            hws.add(TailForecasts.holtWinters(values.get(i), split.validationEnd(), period));
        }
        ForecastModel model = ForecastModel.build(spec, values, trainEnds, validationEnds, period);
        List<MultiLayerNetwork> nets = model.nets;
        DataSet trainData = model.training;
        DataSet validationData = model.validation;
        if (ctx.resume()) {
            // the saved setup holds the best epoch's intervals; it must describe the same data
            ForecastSetup saved = ForecastSetup.load(ctx.runDir());
            ForecastSetup fresh = model.setups.get(0);
            if (!saved.normaliser().equals(fresh.normaliser()) || saved.log() != fresh.log()
                    || saved.period() != fresh.period()) {
                throw new IllegalStateException("the run folder's " + ForecastSetup.FILE + " does not match the "
                        + "data: the dataset changed since the run started, so it cannot be resumed");
            }
        } else {
            model.setups.get(0).save(ctx.runDir());
        }
        sink.emit(new TrainerEvent.Log(describe(name, all, splits, model, period, spec, hws, trainData.numExamples())));

        int batchesPerEpoch = (trainData.numExamples() + spec.batchSize() - 1) / spec.batchSize();
        // DL4J's MSE score is already the mean over the horizon and the minibatch
        var monitor = new TrainingMonitor(sink, spec, (long) spec.epochs() * batchesPerEpoch, 1);
        List<TrainingListener> listeners = new ArrayList<>(ctx.extraListeners());
        listeners.add(0, monitor);
        listeners.add(0, TrainingHealthWatch.of(ctx, monitor)); // first: sees the gradient before clipping
        nets.get(0).setListeners(listeners); // the first member reports the loss curve and health
        var forecaster = new Forecaster(nets, model.setups.get(0));

        EpochLoop.of(ctx, monitor).run(new EpochTask<DataSet>() {
            /** The baselines do not depend on the model: scored once, at the first evaluation. */
            private List<Map<String, Double>> baselines;
            /** The latest evaluation's per-series scores and forecasts, and those of the best epoch. */
            private List<Map<String, Double>> latest;
            private List<Map<String, Double>> best;
            private List<TailForecasts> latestTails;
            private List<TailForecasts> bestTails;
            private double[] latestHalfWidths;

            /** Epochs whose shuffle the data's order has been through: each shuffles the order the last one left. */
            private int shuffled;

            @Override
            public Iterable<DataSet> batches(int epoch) {
                DataSets.shuffle(trainData, spec.seed() + epoch);
                shuffled = epoch;
                return ForecastModel.batches(trainData, spec.batchSize());
            }

            @Override
            public void fit(DataSet batch) {
                for (MultiLayerNetwork net : nets) {
                    net.fit(batch);
                }
            }

            @Override
            public Evaluation evaluate(int epoch) {
                // the validation windows' errors give the validation loss and part of the intervals
                double[][] validationErrors = validationData.numExamples() > 0
                        ? Intervals.errors(nets, validationData) : new double[0][];
                latestHalfWidths = Intervals.halfWidths(nets, trainData, model.recentTraining, validationErrors);
                forecaster.setup(model.setups.get(0).withIntervals(latestHalfWidths));
                boolean first = baselines == null;
                if (first) {
                    baselines = new ArrayList<>();
                }
                latest = new ArrayList<>();
                latestTails = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    TailForecasts tail = TailForecasts.of(values.get(i), splits.get(i),
                            forecaster.forSeries(model.setups.get(i).withIntervals(latestHalfWidths)), hws.get(i));
                    double[] training = splits.get(i).train(values.get(i));
                    if (first) {
                        baselines.add(tail.baselineScores(training, period));
                    }
                    latest.add(tail.modelScores(training, period));
                    latestTails.add(tail);
                }
                return new Evaluation(Intervals.meanSquare(validationErrors), SeriesScores.mean(latest),
                        List.of(sample(values.get(0), all.get(0), latestTails.get(0), forecaster.setup(),
                                count > 1 ? all.get(0).name() : null)));
            }

            /** The untrained network forecasts exactly the reference (its output layer is zero). */
            @Override
            public Evaluation evaluateUntrained() {
                return evaluate(0);
            }

            @Override
            public void saveModel(Path file) throws IOException {
                Checkpoints.write(nets.get(0), file);
                for (int m = 1; m < nets.size(); m++) {
                    Path tmp = ctx.runDir().resolve(Forecaster.memberFile(m) + ".tmp");
                    Checkpoints.write(nets.get(m), tmp);
                    Files.move(tmp, ctx.runDir().resolve(Forecaster.memberFile(m)), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
                forecaster.setup().save(ctx.runDir()); // with the intervals of this (best) epoch
                best = latest;
                bestTails = latestTails;
            }

            /**
             * The network the resume point keeps. An ensemble has none: its other members' weights
             * and optimiser states would have to be kept too, so an interrupted ensemble run starts
             * afresh instead of resuming.
             */
            @Override
            public Model network() {
                return nets.size() == 1 ? nets.get(0) : null;
            }

            /**
             * The data order is replayed from the seed (a few shuffles). The baselines and the best
             * epoch's per-series scores are kept, for a resume right before scoring and for the
             * per-series table; the best epoch's per-series forecasts are not, so a resumed run
             * whose best epoch came before the interruption draws no per-series samples at the end.
             */
            @Override
            public void saveState(TaskState state) throws IOException {
                state.putLong("shuffled_epochs", shuffled);
                putScores(state, "baselines", baselines);
                putScores(state, "best", best);
            }

            @Override
            public void restoreState(TaskState state) throws IOException {
                baselines = scores(state, "baselines");
                best = scores(state, "best");
                for (int e = 1; e <= state.getLong("shuffled_epochs"); e++) {
                    batches(e);
                }
            }

            private void putScores(TaskState state, String name, List<Map<String, Double>> perSeries) throws IOException {
                if (perSeries == null) {
                    return;
                }
                state.putLong(name + ".count", perSeries.size());
                for (int i = 0; i < perSeries.size(); i++) {
                    state.putNumbers(name + "." + i, perSeries.get(i));
                }
            }

            private List<Map<String, Double>> scores(TaskState state, String name) throws IOException {
                if (!state.has(name + ".count")) {
                    return null;
                }
                List<Map<String, Double>> out = new ArrayList<>();
                for (int i = 0; i < state.getLong(name + ".count"); i++) {
                    out.add(state.getNumbers(name + "." + i));
                }
                return out;
            }

            @Override
            public FinalScores finish(BestEvaluation bestEpoch) throws Exception {
                Map<String, Double> scores = new LinkedHashMap<>(bestEpoch.evaluation().metrics());
                Map<String, Double> tailBaselines = SeriesScores.mean(baselines);
                Map<String, Double> allBaselines = new LinkedHashMap<>(tailBaselines);
                String backtest = "";
                List<Backtest.Fold> done = List.of();
                int folds = spec.forecasting().backtests();
                if (folds > 0) {
                    done = Backtest.run(spec, values, period, folds, ctx.clock(),
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
                String perSeries = "";
                if (count > 1) {
                    var table = new SeriesScores(all.stream().map(Series::name).toList(), best, baselines, done);
                    table.addTo(scores, allBaselines);
                    perSeries = String.format(Locale.ROOT, "; %d series, mean over them, the model beat the best "
                            + "baseline on %d", count, table.beaten());
                    for (int i = 0; bestTails != null && i < Math.min(count, MAX_SERIES_SAMPLES); i++) {
                        sink.emit(new TrainerEvent.Sample(bestEpoch.epoch(), sample(values.get(i), all.get(i),
                                bestTails.get(i), model.setups.get(i), all.get(i).name())));
                    }
                }
                String when = bestEpoch.epoch() == 0
                        ? "before training (no epoch beat the reference forecast on the validation windows)"
                        : "at epoch " + bestEpoch.epoch();
                return new FinalScores(scores, allBaselines, String.format(Locale.ROOT,
                        "Test MASE %.3f %s (seasonal naive %.3f, naive %.3f, Holt-Winters %.3f; period %d)%s%s",
                        scores.get("mase"), when, tailBaselines.get("seasonal_naive_mase"),
                        tailBaselines.get("naive_mase"), tailBaselines.get("holt_winters_mase"), period, backtest,
                        perSeries));
            }
        });
    }

    private static String describe(String name, List<Series> all, List<ChronologicalSplit> splits, ForecastModel model,
            int period, RunSpec spec, List<HoltWinters.Model> hws, int trainingWindows) {
        ForecastSetup setup = model.setups.get(0);
        String ensemble = model.nets.size() > 1 ? "; an ensemble of " + model.nets.size() + " networks (seeds "
                + spec.seed() + " to " + (spec.seed() + model.nets.size() - 1) + ") averaged" : "";
        String detected = spec.forecasting().period() == 0 ? " (detected)" : "";
        if (all.size() == 1) {
            ChronologicalSplit split = splits.get(0);
            int horizon = setup.horizon();
            return String.format("%s: %d values; training %d (%d windows), validation %d, test tail %d (%d forecasts of %d); "
                            + "period %d%s; %s; normaliser mean %.4g, std %.4g; baseline %s%s",
                    name, split.length(), split.trainLength(), trainingWindows, split.validationLength(),
                    split.testLength(), split.testLength() / horizon, horizon, period, detected,
                    setup.log() ? "logarithms of the values" : "the values themselves",
                    setup.normaliser().mean(), setup.normaliser().std(),
                    hws.get(0) == null ? "Holt-Winters: too few values" : hws.get(0).describe(), ensemble);
        }
        int shortest = all.stream().mapToInt(Series::length).min().orElse(0);
        int longest = all.stream().mapToInt(Series::length).max().orElse(0);
        long logs = model.setups.stream().filter(ForecastSetup::log).count();
        return String.format("%s: %d series of %d to %d values, one model over all: %d training windows together; "
                        + "period %d%s; each series scaled on its own training part (%d on logarithms) and corrected "
                        + "from its own Holt-Winters forecast%s",
                name, all.size(), shortest, longest, trainingWindows, period, detected, logs, ensemble);
    }

    static List<Series> load(RunSpec spec, TrainingContext ctx) throws IOException {
        if (ctx.datasetFile().isPresent()) {
            Path file = ctx.datasetFile().get();
            return ForecastingTask.readAll(spec.forecasting(), file.getFileName().toString(), Files.readAllBytes(file));
        }
        return List.of(ForecastingTask.builtinSeries(spec.dataset(), spec.forecasting().builtinSize(), spec.seed()));
    }

    /**
     * The specification's period, or the one detected on the training parts (1 when there is no
     * season; with several series, the one most of them show).
     */
    static int period(RunSpec spec, String name, List<double[]> series, int horizon) {
        int shortest = series.stream().mapToInt(v -> ChronologicalSplit.of(v.length, horizon).trainEnd()).min().orElse(0);
        if (spec.forecasting().period() > 0) {
            if (spec.forecasting().period() >= shortest) {
                throw new IllegalArgumentException(name + ": a period of " + spec.forecasting().period()
                        + " needs a training part longer than that, it has " + shortest + " values");
            }
            return spec.forecasting().period();
        }
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        for (double[] v : series) {
            double[] training = ChronologicalSplit.of(v.length, horizon).train(v);
            votes.merge(Baselines.detectPeriod(training, training.length / 2), 1, Integer::sum);
        }
        return votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(1);
    }

    /** Mean squared error per predicted value, in the standardised relative units the model is trained in. */
    static double meanSquaredError(List<MultiLayerNetwork> nets, DataSet data) {
        return Intervals.meanSquare(Intervals.errors(nets, data));
    }

    /**
     * The first test window for the UI to draw: the window the model read, then the actual values
     * beside the model's forecast and both baselines, with the dates when the series has them.
     */
    static ForecastSample sample(double[] values, Series series, TailForecasts tail, ForecastSetup setup, String label) {
        int origin = tail.origins()[0];
        return new ForecastSample(origin, setup.period(), Arrays.copyOfRange(values, origin - setup.window(), origin),
                tail.first(tail.actual()), tail.first(tail.forecast()), tail.first(tail.naive()),
                tail.first(tail.seasonalNaive()),
                series.dates() == null ? null : series.dates().subList(origin - setup.window(), origin + setup.horizon()),
                tail.first(tail.holtWinters()), tail.first(tail.lower()), tail.first(tail.upper()), label);
    }
}
