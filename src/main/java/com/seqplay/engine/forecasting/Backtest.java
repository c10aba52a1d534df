package com.seqplay.engine.forecasting;

import com.seqplay.engine.TrainingClock;
import com.seqplay.metrics.HoltWinters;
import com.seqplay.spec.RunSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Rolling-origin evaluation: so that a result does not rest on one tail, the model is trained
 * afresh at each of {@code folds} cut-offs and forecasts one horizon from there. The cut-offs are
 * the starts of the last {@code folds} horizons of the series ({@code n - h}, {@code n - 2h}, ...);
 * each fold trains on what lies before its cut-off exactly as the run does (the last tenth, at
 * least a horizon, for validation and early stopping; the best epoch kept) and the baselines are
 * fitted on the same values. Every fold's MASE is scaled by the in-sample seasonal-naive error of
 * the values before its cut-off. Reported as mean and standard deviation over the folds.
 */
final class Backtest {
    private Backtest() {}

    /** Per-fold scores: the model's (with {@code coverage}) and each baseline's. */
    record Fold(int origin, Map<String, Double> model, Map<String, Double> baselines) {}

    /** The folds that fit in the series (a fold needs at least one training window); later ones first. */
    static List<Fold> run(RunSpec spec, double[] values, int period, int folds, TrainingClock clock, Consumer<String> log)
            throws Exception {
        int h = spec.forecasting().horizon();
        List<Fold> done = new ArrayList<>();
        for (int j = 1; j <= folds; j++) {
            int origin = values.length - j * h;
            int validation = Math.max(h, (int) Math.round(origin * 0.1));
            int trainEnd = origin - validation;
            if (trainEnd - h - Math.max(spec.forecasting().window(), period) + 1 < 1) {
                log.accept("Backtest: cut-off " + origin + " leaves no training window; " + (j - 1) + " folds");
                break;
            }
            if (clock.expired()) {
                log.accept("Backtest: time limit reached after " + (j - 1) + " folds");
                break;
            }
            done.add(fold(spec, values, period, origin, trainEnd, j));
        }
        return done;
    }

    private static Fold fold(RunSpec spec, double[] values, int period, int origin, int trainEnd, int j) {
        double[] seen = Arrays.copyOf(values, origin);
        ForecastModel m = ForecastModel.build(spec, seen, trainEnd, origin, period);
        double bestLoss = Double.POSITIVE_INFINITY;
        INDArray bestParams = m.net.params().dup();
        int sinceBest = 0;
        int batch = Math.max(1, Math.min(spec.batchSize(), m.training.numExamples()));
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            m.training.shuffle(spec.seed() + 1000L * j + epoch);
            for (DataSet b : m.training.batchBy(batch)) {
                m.net.fit(b);
            }
            double loss = ForecastingTrainer.meanSquaredError(m.net, m.validation);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestParams = m.net.params().dup();
                sinceBest = 0;
            } else if (spec.patience() > 0 && ++sinceBest >= spec.patience()) {
                break;
            }
        }
        m.net.setParams(bestParams);
        var forecaster = new Forecaster(m.net, m.setup.withIntervals(Intervals.halfWidths(m.net, m.training,
                m.validation)));
        HoltWinters.Model hw = TailForecasts.holtWinters(values, origin, period);
        TailForecasts tail = TailForecasts.at(values, new int[] {origin}, forecaster, hw);
        double[] before = Arrays.copyOf(values, origin);
        return new Fold(origin, tail.modelScores(before, period), tail.baselineScores(before, period));
    }

    /** Mean and standard deviation over the folds of the metrics that every fold has. */
    static Map<String, Double> summary(List<Fold> folds, boolean baselines) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (folds.isEmpty()) {
            return out;
        }
        for (String key : (baselines ? folds.get(0).baselines() : folds.get(0).model()).keySet()) {
            if (!key.endsWith("mase") && !key.endsWith("smape") && !key.equals("coverage")) {
                continue;
            }
            double[] v = folds.stream().mapToDouble(f -> (baselines ? f.baselines() : f.model()).get(key)).toArray();
            double mean = Arrays.stream(v).average().orElse(Double.NaN);
            double var = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.length - 1);
            out.put("backtest_" + key, mean);
            out.put("backtest_" + key + "_std", Math.sqrt(var));
        }
        return out;
    }

}
