package com.seqplay.ui;

import com.seqplay.bench.StepTimeReport;
import com.seqplay.bench.StepTimeReport.Point;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads a step-time measurement for a person: how much longer a step takes when the sequence gets
 * longer, per model, and at which length (if any) the attention model's step becomes the fastest.
 */
final class StepTimeSummary {
    private StepTimeSummary() {}

    /** The points of each model, in length order, models in the order measured. */
    static Map<String, List<Point>> byModel(StepTimeReport report) {
        return report.points().stream().sorted(Comparator.comparingInt(Point::length))
                .collect(Collectors.groupingBy(Point::model, LinkedHashMap::new, Collectors.toList()));
    }

    /** One sentence per model: "lstm (86,560 weights): 16x longer sequences, 14.2x the time per step". */
    static List<String> growth(StepTimeReport report) {
        List<String> lines = new ArrayList<>();
        byModel(report).forEach((model, points) -> {
            Point first = points.get(0);
            Point last = points.get(points.size() - 1);
            if (points.size() < 2 || first.msPerStep() <= 0) {
                return;
            }
            lines.add(String.format(Locale.ROOT, "%s (%,d weights): from %d to %d steps (%.0fx longer), %.1f to %.1f ms "
                            + "per training step (%.1fx)", model, first.parameters(), first.length(), last.length(),
                    (double) last.length() / first.length(), first.msPerStep(), last.msPerStep(),
                    last.msPerStep() / first.msPerStep()));
        });
        return lines;
    }

    /** The fastest model at each length, e.g. {25: "rnn", 400: "attention"}. */
    static Map<Integer, String> fastest(StepTimeReport report) {
        Map<Integer, String> fastest = new java.util.TreeMap<>();
        report.points().stream().collect(Collectors.groupingBy(Point::length)).forEach((length, points) ->
                fastest.put(length, points.stream().min(Comparator.comparingDouble(Point::msPerStep)).orElseThrow().model()));
        return fastest;
    }
}
