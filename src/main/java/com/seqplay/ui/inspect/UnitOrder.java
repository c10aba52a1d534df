package com.seqplay.ui.inspect;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The order in which a layer's units are drawn. All heatmaps of one layer share it, so that a row
 * is the same unit in the hidden state and in each gate.
 */
enum UnitOrder {
    /** Unit 0 at the top, as the model numbers them. */
    MODEL("in the model's order"),
    /** The units whose hidden state changes most over the input first (variance over the steps). */
    ACTIVITY("most active first");

    private final String label;

    UnitOrder(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * @param hidden the layer's hidden state, [step][unit]
     * @return unit indices, top row first
     */
    int[] of(float[][] hidden) {
        int units = hidden.length == 0 ? 0 : hidden[0].length;
        if (this == MODEL) {
            return IntStream.range(0, units).toArray();
        }
        double[] variance = variances(hidden, units);
        return IntStream.range(0, units).boxed()
                .sorted(Comparator.comparingDouble((Integer u) -> -variance[u]).thenComparingInt(u -> u))
                .mapToInt(Integer::intValue).toArray();
    }

    static double[] variances(float[][] values, int units) {
        double[] mean = new double[units];
        double[] square = new double[units];
        for (float[] step : values) {
            for (int u = 0; u < units; u++) {
                mean[u] += step[u];
                square[u] += (double) step[u] * step[u];
            }
        }
        int n = Math.max(1, values.length);
        double[] out = new double[units];
        Arrays.setAll(out, u -> Math.max(0, square[u] / n - (mean[u] / n) * (mean[u] / n)));
        return out;
    }

    /** {@code values} [step][unit] turned into rows [unit in {@code order}][step]. */
    static float[][] rows(float[][] values, int[] order) {
        float[][] out = new float[order.length][values.length];
        for (int r = 0; r < order.length; r++) {
            for (int t = 0; t < values.length; t++) {
                out[r][t] = values[t][order[r]];
            }
        }
        return out;
    }
}
