package com.seqplay.engine.forecasting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of one model over several series, per series and overall. Overall scores are the
 * mean over the series (each series' MASE already has its own scale, so every series counts the
 * same however large its values). Per series the result holds its MASE beside each baseline's,
 * under {@code series.<name>.}: on the test tail, and as the backtest's mean over the cut-offs when
 * there is one; {@code series_count} and {@code series_beat} say on how many series the model beat
 * the best of the baselines (on the backtest when there is one, as the verdict judges).
 */
final class SeriesScores {
    static final String[] BASELINES = {"naive_", "seasonal_naive_", "holt_winters_"};

    private final List<String> names;
    private final List<Map<String, Double>> model;
    private final List<Map<String, Double>> baselines;
    private final List<Backtest.Fold> folds;

    /**
     * @param model each series' scores of the best epoch on its test tail
     * @param baselines each series' baseline scores there
     * @param folds the backtest (empty: none)
     */
    SeriesScores(List<String> names, List<Map<String, Double>> model, List<Map<String, Double>> baselines,
            List<Backtest.Fold> folds) {
        this.names = names;
        this.model = model;
        this.baselines = baselines;
        this.folds = folds;
    }

    /** The mean over the series of every score the first series has. */
    static Map<String, Double> mean(List<Map<String, Double>> perSeries) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String key : perSeries.get(0).keySet()) {
            out.put(key, perSeries.stream().mapToDouble(m -> m.getOrDefault(key, Double.NaN)).average().orElse(Double.NaN));
        }
        return out;
    }

    /** Adds the per-series keys and the count of series where the model won to a result's maps. */
    void addTo(Map<String, Double> metrics, Map<String, Double> baselineScores) {
        for (int i = 0; i < names.size(); i++) {
            String prefix = ForecastingTrainer.SERIES_PREFIX + names.get(i) + ".";
            metrics.put(prefix + "mase", model.get(i).get("mase"));
            for (String b : BASELINES) {
                baselineScores.put(prefix + b + "mase", baselines.get(i).get(b + "mase"));
            }
            if (!folds.isEmpty()) {
                metrics.put(prefix + "backtest_mase", Backtest.seriesSummary(folds, i, false).get("backtest_mase"));
                Map<String, Double> b = Backtest.seriesSummary(folds, i, true);
                for (String name : BASELINES) {
                    baselineScores.put(prefix + "backtest_" + name + "mase", b.get("backtest_" + name + "mase"));
                }
            }
        }
        metrics.put("series_count", (double) names.size());
        metrics.put("series_beat", (double) beaten());
    }

    /** Series on which the model's MASE is below every baseline's (on the backtest when there is one). */
    int beaten() {
        int beat = 0;
        for (int i = 0; i < names.size(); i++) {
            Map<String, Double> m = folds.isEmpty() ? model.get(i) : Backtest.seriesSummary(folds, i, false);
            Map<String, Double> b = folds.isEmpty() ? baselines.get(i) : Backtest.seriesSummary(folds, i, true);
            String prefix = folds.isEmpty() ? "" : "backtest_";
            double best = Double.POSITIVE_INFINITY;
            for (String name : BASELINES) {
                best = Math.min(best, b.getOrDefault(prefix + name + "mase", Double.POSITIVE_INFINITY));
            }
            if (m.get(prefix + "mase") < best) {
                beat++;
            }
        }
        return beat;
    }
}
