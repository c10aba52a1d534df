package com.seqplay.task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one number a run of a task is judged by, which way is better, and the baselines it must beat
 * to have learned anything (keys of the run's {@code baselines}, with their labels). With several
 * baselines the verdict compares with the strongest one the run reports. A task that evaluates
 * more thoroughly when asked (forecasting's backtest) names the prefix of those keys: where the run
 * reports {@code prefix + name}, the verdict uses it and the baselines under the same prefix.
 *
 * @param baselines baseline key -> label, the main one first
 * @param thoroughPrefix prefix of the more thorough evaluation's keys, or "" for none
 */
public record MainMetric(String name, Direction direction, Map<String, String> baselines, String thoroughPrefix) {
    public enum Direction {
        LOWER_IS_BETTER,
        HIGHER_IS_BETTER;

        public boolean better(double a, double b) {
            return this == LOWER_IS_BETTER ? a < b : a > b;
        }
    }

    public MainMetric {
        baselines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baselines));
    }

    /** One baseline, one evaluation. */
    public MainMetric(String name, Direction direction, String baseline, String baselineLabel) {
        this(name, direction, Map.of(baseline, baselineLabel), "");
    }

    /** The main baseline's key. */
    public String baseline() {
        return baselines.keySet().iterator().next();
    }

    public String baselineLabel() {
        return baselines.values().iterator().next();
    }

    /**
     * The value a finished run is judged by, from its final metrics: the thorough evaluation's
     * where there is one (the backtest), else the final (test) value; empty while there is none.
     * For the memory probe that is the test accuracy, not the best validation accuracy of the
     * per-epoch series.
     */
    public java.util.Optional<Double> judged(Map<String, Double> finalMetrics) {
        if (finalMetrics == null) {
            return java.util.Optional.empty();
        }
        if (!thoroughPrefix.isEmpty()) {
            Double thorough = finalMetrics.get(thoroughPrefix + name);
            if (thorough != null && Double.isFinite(thorough)) {
                return java.util.Optional.of(thorough);
            }
        }
        Double last = finalMetrics.get(name);
        return last != null && Double.isFinite(last) ? java.util.Optional.of(last) : java.util.Optional.empty();
    }
}
