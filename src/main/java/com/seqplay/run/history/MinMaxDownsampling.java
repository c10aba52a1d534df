package com.seqplay.run.history;

import com.seqplay.run.domain.MetricPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Thins a long series for drawing without losing its extremes: the points are cut into equal
 * buckets and each bucket keeps its lowest and its highest point, in their order. A gradient
 * spike at one step therefore always survives, which averaging or keeping every n-th point
 * would not guarantee. The first and last points are always kept.
 */
public final class MinMaxDownsampling {
    private MinMaxDownsampling() {}

    /** At most {@code maxPoints} points (at least 4 are allowed); the series itself when it is short enough. */
    public static List<MetricPoint> apply(List<MetricPoint> points, int maxPoints) {
        int max = Math.max(4, maxPoints);
        if (points.size() <= max) {
            return points;
        }
        // Two points per bucket, and room for the first and the last.
        int buckets = (max - 2) / 2;
        List<MetricPoint> out = new ArrayList<>(max);
        out.add(points.get(0));
        int inner = points.size() - 2;
        for (int b = 0; b < buckets; b++) {
            int from = 1 + (int) ((long) b * inner / buckets);
            int to = 1 + (int) ((long) (b + 1) * inner / buckets);
            if (from >= to) {
                continue;
            }
            int lo = from;
            int hi = from;
            for (int i = from + 1; i < to; i++) {
                double v = points.get(i).value();
                if (v < points.get(lo).value()) {
                    lo = i;
                }
                if (v > points.get(hi).value()) {
                    hi = i;
                }
            }
            out.add(points.get(Math.min(lo, hi)));
            if (lo != hi) {
                out.add(points.get(Math.max(lo, hi)));
            }
        }
        out.add(points.get(points.size() - 1));
        return out;
    }
}
