package com.seqplay.ui;

import com.seqplay.run.domain.MetricPoint;
import java.util.List;
import java.util.TreeMap;

/**
 * Turns the per-step 0/1 {@code clipped} series into the share of clipped steps per epoch: a 0/1
 * series drawn beside norms of 10 to 200 is a flat line at the bottom, a share per epoch reads at
 * a glance. Points may arrive in any number of batches; the current epoch's share is so far.
 */
final class ClippedShare {
    /** The name of the series this makes. */
    static final String SERIES = "share of steps clipped";
    private final TreeMap<Integer, Count> byEpoch = new TreeMap<>();

    /** Counts the {@code clipped} points among these; other series are ignored. */
    void add(List<MetricPoint> points) {
        for (MetricPoint p : points) {
            if (p.name().equals("clipped")) {
                byEpoch.computeIfAbsent(p.epoch(), e -> new Count()).add(p);
            }
        }
    }

    /** One point per epoch seen (x = epoch), value between 0 and 1. */
    List<MetricPoint> shares() {
        return byEpoch.entrySet().stream()
                .map(e -> new MetricPoint(SERIES, e.getValue().lastStep, e.getKey(), e.getValue().share(), null))
                .toList();
    }

    /** The share over every step seen so far; 0 before any. */
    double overall() {
        long steps = byEpoch.values().stream().mapToLong(c -> c.steps).sum();
        long clipped = byEpoch.values().stream().mapToLong(c -> c.clipped).sum();
        return steps == 0 ? 0 : (double) clipped / steps;
    }

    private static final class Count {
        long steps;
        long clipped;
        long lastStep;

        void add(MetricPoint p) {
            steps++;
            if (p.value() > 0.5) {
                clipped++;
            }
            lastStep = Math.max(lastStep, p.step());
        }

        double share() {
            return (double) clipped / steps;
        }
    }
}
