package com.seqplay.engine.forecasting;

import com.seqplay.engine.DataSets;
import com.seqplay.engine.TrainingClock;
import com.seqplay.metrics.HoltWinters;
import com.seqplay.spec.RunSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Rolling-origin evaluation: so that a result does not rest on one tail, the model is trained
 * afresh at each of {@code folds} cut-offs and forecasts one horizon from there. The cut-offs are
 * the starts of the last {@code folds} horizons of each series ({@code n - h}, {@code n - 2h}, ...);
 * each fold trains on what lies before its cut-offs exactly as the run does (the last tenth, at
 * least a horizon, for validation and early stopping; the best epoch kept; one model over every
 * series) and the baselines are fitted on the same values. Every fold's MASE is scaled by the
 * in-sample seasonal-naive error of the values before its cut-off. Reported as mean and standard
 * deviation over the folds (of the mean over the series), and per series as the mean over the folds.
 */
final class Backtest {
    private Backtest() {}

    /** Per-fold scores of each series: the model's (with {@code coverage}) and each baseline's. */
    record Fold(List<Map<String, Double>> model, List<Map<String, Double>> baselines) {}

    /** The folds that fit in every series (a fold needs a training window in each); later ones first. */
    static List<Fold> run(RunSpec spec, List<double[]> series, int period, int folds, TrainingClock clock,
            Consumer<String> log) throws Exception {
        int h = spec.forecasting().horizon();
        List<Fold> done = new ArrayList<>();
        for (int j = 1; j <= folds; j++) {
            int[] origins = new int[series.size()];
            int[] trainEnds = new int[series.size()];
            boolean fits = true;
            for (int i = 0; i < series.size(); i++) {
                origins[i] = series.get(i).length - j * h;
                trainEnds[i] = origins[i] - Math.max(h, (int) Math.round(origins[i] * 0.1));
                fits &= trainEnds[i] - h - Math.max(spec.forecasting().window(), period) + 1 >= 1;
            }
            if (!fits) {
                log.accept("Backtest: cut-off " + j + " horizons from the end leaves no training window"
                        + (series.size() > 1 ? " in some series" : "") + "; " + (j - 1) + " folds");
                break;
            }
            if (clock.expired()) {
                log.accept("Backtest: time limit reached after " + (j - 1) + " folds");
                break;
            }
            done.add(fold(spec, series, period, origins, trainEnds, j));
        }
        return done;
    }

    private static Fold fold(RunSpec spec, List<double[]> series, int period, int[] origins, int[] trainEnds, int j) {
        List<double[]> seen = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            seen.add(Arrays.copyOf(series.get(i), origins[i]));
        }
        ForecastModel m = ForecastModel.build(spec, seen, trainEnds, origins, period);
        train(spec, m, 1000L * j);
        var forecaster = new Forecaster(m.nets, m.setups.get(0));
        double[] half = Intervals.halfWidths(m.nets, m.training, m.recent);
        List<Map<String, Double>> model = new ArrayList<>();
        List<Map<String, Double>> baselines = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            double[] values = series.get(i);
            HoltWinters.Model hw = TailForecasts.holtWinters(values, origins[i], period);
            TailForecasts tail = TailForecasts.at(values, new int[] {origins[i]},
                    forecaster.forSeries(m.setups.get(i).withIntervals(half)), hw);
            double[] before = Arrays.copyOf(values, origins[i]);
            model.add(tail.modelScores(before, period));
            baselines.add(tail.baselineScores(before, period));
        }
        return new Fold(model, baselines);
    }

    /**
     * Trains the model's networks on its training windows, keeping each one's parameters of the
     * epoch with the lowest validation loss of the ensemble, with the run's epochs and patience.
     */
    static void train(RunSpec spec, ForecastModel m, long shuffleSeed) {
        // the untrained networks (zero output layers) forecast the reference itself: a candidate too,
        // as in the trainer (EpochTask#evaluateUntrained)
        List<INDArray> bestParams = m.nets.stream().map(n -> n.params().dup()).toList();
        double bestLoss = ForecastingTrainer.meanSquaredError(m.nets, m.validation);
        if (Double.isNaN(bestLoss)) {
            bestLoss = Double.POSITIVE_INFINITY;
        }
        int sinceBest = 0;
        int batch = Math.max(1, Math.min(spec.batchSize(), m.training.numExamples()));
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            DataSets.shuffle(m.training, spec.seed() + shuffleSeed + epoch);
            for (DataSet b : ForecastModel.batches(m.training, batch)) {
                for (MultiLayerNetwork net : m.nets) {
                    net.fit(b);
                }
            }
            double loss = ForecastingTrainer.meanSquaredError(m.nets, m.validation);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestParams = m.nets.stream().map(n -> n.params().dup()).toList();
                sinceBest = 0;
            } else if (spec.patience() > 0 && ++sinceBest >= spec.patience()) {
                break;
            }
        }
        for (int k = 0; k < m.nets.size(); k++) {
            m.nets.get(k).setParams(bestParams.get(k));
        }
    }

    /** Mean and standard deviation over the folds, of each fold's mean over the series. */
    static Map<String, Double> summary(List<Fold> folds, boolean baselines) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (folds.isEmpty()) {
            return out;
        }
        for (String key : scoresOf(folds.get(0), baselines).get(0).keySet()) {
            if (!reported(key)) {
                continue;
            }
            double[] v = folds.stream().mapToDouble(f -> scoresOf(f, baselines).stream()
                    .mapToDouble(s -> s.get(key)).average().orElse(Double.NaN)).toArray();
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1);
            out.put("backtest_" + key, mean);
            out.put("backtest_" + key + "_std", Math.sqrt(var));
        }
        return out;
    }

    /** One series' scores as the mean over the folds ({@code backtest_mase}, ...), without spreads. */
    static Map<String, Double> seriesSummary(List<Fold> folds, int series, boolean baselines) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (folds.isEmpty()) {
            return out;
        }
        for (String key : scoresOf(folds.get(0), baselines).get(series).keySet()) {
            if (reported(key)) {
                out.put("backtest_" + key, folds.stream()
                        .mapToDouble(f -> scoresOf(f, baselines).get(series).get(key)).average().orElse(Double.NaN));
            }
        }
        return out;
    }

    private static List<Map<String, Double>> scoresOf(Fold f, boolean baselines) {
        return baselines ? f.baselines() : f.model();
    }

    private static boolean reported(String key) {
        return key.endsWith("mase") || key.endsWith("smape") || key.equals("coverage");
    }
}
