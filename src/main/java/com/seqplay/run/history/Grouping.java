package com.seqplay.run.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.spec.SpecJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/**
 * Groups of compared runs (by any specification field: cell, clipping, hidden size...) and their
 * statistics: a group's curve is the mean over its runs (typically its seeds) at each x, its band
 * the standard deviation or the range, and every number in a table is a mean with its spread.
 */
public final class Grouping {
    private Grouping() {}

    /** Summary of a few numbers; {@code sd} is the sample standard deviation (0 for one number). */
    public record Stats(int count, double mean, double sd, double min, double max) {
        public static Stats of(List<Double> values) {
            List<Double> v = values.stream().filter(d -> d != null && Double.isFinite(d)).toList();
            if (v.isEmpty()) {
                return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double squares = v.stream().mapToDouble(d -> (d - mean) * (d - mean)).sum();
            double sd = v.size() > 1 ? Math.sqrt(squares / (v.size() - 1)) : 0;
            return new Stats(v.size(), mean, sd, v.stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                    v.stream().mapToDouble(Double::doubleValue).max().orElseThrow());
        }
    }

    /** One x of a group's curve: the mean over the runs that have a point there, and the spread. */
    public record BandPoint(long x, double seconds, Stats stats) {}

    /** The value of a specification field in words ("gru", "64", "global-norm 5"); "-" if the run has none. */
    public static String value(Run run, String field) {
        JsonNode node = SpecJson.toTree(run.spec());
        for (String part : field.split("\\.")) {
            node = node == null ? null : node.get(part);
        }
        return node == null || node.isNull() ? "-" : GridPlan.label(node);
    }

    /** The runs by their value of {@code field}, groups in the order their first run comes. */
    public static Map<String, List<Run>> group(List<Run> runs, String field) {
        Map<String, List<Run>> out = new LinkedHashMap<>();
        runs.forEach(r -> out.computeIfAbsent(value(r, field), k -> new ArrayList<>()).add(r));
        return out;
    }

    /**
     * The mean curve of several runs' series, x by x ({@code x} reads the step or the epoch of
     * a point; at an x where a run has several points, e.g. per epoch, its last one counts).
     */
    public static List<BandPoint> band(List<List<MetricPoint>> series, ToLongFunction<MetricPoint> x) {
        Map<Long, List<Double>> values = new TreeMap<>();
        Map<Long, List<Double>> seconds = new TreeMap<>();
        for (List<MetricPoint> points : series) {
            Map<Long, MetricPoint> last = new LinkedHashMap<>();
            points.forEach(p -> last.put(x.applyAsLong(p), p));
            long origin = points.isEmpty() ? 0 : points.get(0).time().toEpochMilli();
            last.forEach((k, p) -> {
                values.computeIfAbsent(k, key -> new ArrayList<>()).add(p.value());
                seconds.computeIfAbsent(k, key -> new ArrayList<>()).add((p.time().toEpochMilli() - origin) / 1000.0);
            });
        }
        List<BandPoint> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(new BandPoint(k, Stats.of(seconds.get(k)).mean(), Stats.of(v))));
        return out;
    }

    /**
     * At most {@code maxPoints} points of a band: each bucket keeps the mean of its means and
     * the widest spread, so a spike in any run still shows in the band.
     */
    public static List<BandPoint> thin(List<BandPoint> band, int maxPoints) {
        if (band.size() <= maxPoints) {
            return band;
        }
        List<BandPoint> out = new ArrayList<>();
        int buckets = Math.max(1, maxPoints);
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * band.size() / buckets);
            int to = (int) ((long) (b + 1) * band.size() / buckets);
            if (from >= to) {
                continue;
            }
            List<BandPoint> bucket = band.subList(from, to);
            double mean = bucket.stream().mapToDouble(p -> p.stats().mean()).average().orElse(Double.NaN);
            double lo = bucket.stream().mapToDouble(p -> p.stats().mean() - p.stats().sd()).min().orElse(Double.NaN);
            double hi = bucket.stream().mapToDouble(p -> p.stats().mean() + p.stats().sd()).max().orElse(Double.NaN);
            double min = bucket.stream().mapToDouble(p -> p.stats().min()).min().orElse(Double.NaN);
            double max = bucket.stream().mapToDouble(p -> p.stats().max()).max().orElse(Double.NaN);
            int count = bucket.stream().mapToInt(p -> p.stats().count()).max().orElse(0);
            // the sd that spans the widest mean +- sd of the bucket, around its mean
            double sd = Math.max(hi - mean, mean - lo);
            BandPoint first = bucket.get(0);
            out.add(new BandPoint(first.x(), first.seconds(), new Stats(count, mean, sd, min, max)));
        }
        return out;
    }
}
