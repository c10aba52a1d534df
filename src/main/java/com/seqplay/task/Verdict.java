package com.seqplay.task;

import com.seqplay.spec.TaskType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a finished run beat the baseline of its task on the task's main metric: the first thing
 * a person should read about a run, before any curve. A model that does not beat "copy the
 * source", "repeat last season" or "guess the most common character" has learned nothing useful,
 * whatever its loss did.
 *
 * @param beat whether the model is strictly better than the baseline in the metric's direction
 * @param metric the main metric's name ({@code bpc}, {@code bleu}, {@code mase}, {@code accuracy})
 * @param value the model's value
 * @param baseline the key of the baseline compared with, the strongest of the task's
 *     ({@code unigram_bpc}, {@code copy_bleu}, {@code holt_winters_mase}, ...)
 * @param baselineLabel the baseline in words
 * @param baselineValue the baseline's value on the same data
 * @param relativeGain how much better (positive) or worse (negative) than the baseline, as a
 *     share of the baseline's value
 * @param seriesBeat for a model over several series: on how many it beat the best baseline (null otherwise)
 * @param seriesCount how many series there were (null for one)
 */
public record Verdict(boolean beat, String metric, double value, String baseline, String baselineLabel,
        double baselineValue, double relativeGain, Integer seriesBeat, Integer seriesCount) {

    /** The verdict of a run with these final metrics and baselines, if both numbers are there. */
    public static Optional<Verdict> of(TaskType task, Map<String, Double> metrics, Map<String, Double> baselines) {
        if (metrics == null || baselines == null) {
            return Optional.empty();
        }
        MainMetric main = TaskDefinitions.of(task).mainMetric();
        String prefix = !main.thoroughPrefix().isEmpty() && finite(metrics.get(main.thoroughPrefix() + main.name()))
                ? main.thoroughPrefix() : "";
        Double value = metrics.get(prefix + main.name());
        if (!finite(value)) {
            return Optional.empty();
        }
        // the strongest baseline the run reports: beating a weak one proves little
        String key = null;
        String label = null;
        Double base = null;
        for (var b : main.baselines().entrySet()) {
            Double v = baselines.get(prefix + b.getKey());
            if (finite(v) && (base == null || main.direction().better(v, base))) {
                key = prefix + b.getKey();
                label = b.getValue();
                base = v;
            }
        }
        if (base == null) {
            return Optional.empty();
        }
        double gain = base == 0 ? 0 : (value - base) / Math.abs(base);
        if (main.direction() == MainMetric.Direction.LOWER_IS_BETTER) {
            gain = -gain;
        }
        Double beatCount = metrics.get("series_beat");
        Double count = metrics.get("series_count");
        boolean many = finite(beatCount) && finite(count);
        return Optional.of(new Verdict(main.direction().better(value, base), prefix + main.name(), value, key,
                label, base, gain, many ? beatCount.intValue() : null, many ? count.intValue() : null));
    }

    private static boolean finite(Double v) {
        return v != null && Double.isFinite(v);
    }

    /**
     * One sentence: "Beat the seasonal-naive forecast: mase 0.700 vs 1.040."; over several series
     * the means, and on how many series the model beat the best baseline of that series.
     */
    public String sentence() {
        String series = seriesCount == null ? "" : String.format(Locale.ROOT,
                " (means over %d series); beat the best baseline on %d of %d series.", seriesCount, seriesBeat, seriesCount);
        return String.format(Locale.ROOT, "%s %s: %s %s vs %s%s", beat ? "Beat" : "Did not beat", baselineLabel,
                metric, format(value), format(baselineValue), series.isEmpty() ? "." : series);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3f", v);
    }
}
