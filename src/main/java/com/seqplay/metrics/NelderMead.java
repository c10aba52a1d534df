package com.seqplay.metrics;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Minimises a function of a few unconstrained variables with the Nelder-Mead simplex method
 * (reflection 1, expansion 2, contraction 1/2, shrink 1/2). No gradients are needed, which suits
 * the one-step-ahead squared error of an exponential smoothing recursion: it is cheap to evaluate
 * and has no closed-form derivative. Infinite values (an invalid point) are simply never chosen.
 */
final class NelderMead {
    private NelderMead() {}

    /**
     * A local minimum near {@code start}.
     *
     * @param step initial size of the simplex along each axis
     * @param maxEvaluations stops after this many evaluations of {@code f}
     */
    static double[] minimise(ToDoubleFunction<double[]> f, double[] start, double step, int maxEvaluations) {
        int d = start.length;
        double[][] simplex = new double[d + 1][];
        double[] values = new double[d + 1];
        simplex[0] = start.clone();
        for (int i = 0; i < d; i++) {
            simplex[i + 1] = start.clone();
            simplex[i + 1][i] += step;
        }
        int evaluations = 0;
        for (int i = 0; i <= d; i++) {
            values[i] = f.applyAsDouble(simplex[i]);
            evaluations++;
        }
        while (evaluations < maxEvaluations) {
            sort(simplex, values);
            double spread = values[d] - values[0];
            if (Double.isFinite(spread) && spread <= 1e-12 * (Math.abs(values[0]) + 1e-30)) {
                break;
            }
            double[] centroid = new double[d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    centroid[j] += simplex[i][j] / d;
                }
            }
            double[] reflected = towards(centroid, simplex[d], -1);
            double fr = f.applyAsDouble(reflected);
            evaluations++;
            if (fr < values[0]) {
                double[] expanded = towards(centroid, simplex[d], -2);
                double fe = f.applyAsDouble(expanded);
                evaluations++;
                replaceWorst(simplex, values, fe < fr ? expanded : reflected, Math.min(fe, fr));
            } else if (fr < values[d - 1]) {
                replaceWorst(simplex, values, reflected, fr);
            } else {
                // contract towards the better of the worst point and its reflection
                boolean outside = fr < values[d];
                double[] contracted = towards(centroid, outside ? reflected : simplex[d], 0.5);
                double fc = f.applyAsDouble(contracted);
                evaluations++;
                if (fc < (outside ? fr : values[d])) {
                    replaceWorst(simplex, values, contracted, fc);
                } else {
                    for (int i = 1; i <= d; i++) {
                        simplex[i] = towards(simplex[0], simplex[i], 0.5);
                        values[i] = f.applyAsDouble(simplex[i]);
                        evaluations++;
                    }
                }
            }
        }
        sort(simplex, values);
        return simplex[0];
    }

    /** {@code from + t * (to - from)}. */
    private static double[] towards(double[] from, double[] to, double t) {
        double[] p = new double[from.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = from[i] + t * (to[i] - from[i]);
        }
        return p;
    }

    private static void replaceWorst(double[][] simplex, double[] values, double[] point, double value) {
        simplex[simplex.length - 1] = point;
        values[values.length - 1] = value;
    }

    /** Sorts the vertices by their values, best first; NaN counts as worst. */
    private static void sort(double[][] simplex, double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(clean(values[a]), clean(values[b])));
        double[][] s = new double[simplex.length][];
        double[] v = new double[values.length];
        for (int i = 0; i < order.length; i++) {
            s[i] = simplex[order[i]];
            v[i] = values[order[i]];
        }
        System.arraycopy(s, 0, simplex, 0, s.length);
        System.arraycopy(v, 0, values, 0, v.length);
    }

    private static double clean(double v) {
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
    }
}
