package com.seqplay.engine.forecasting;

import com.seqplay.engine.DataSets;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Prediction intervals from the model's own errors, per horizon step, sized as empirical
 * quantiles rather than from a normal distribution (conformal-style). The shape over the horizon
 * comes from the training windows (many, so every step gets its own): the {@value #LEVEL} quantile
 * of the absolute errors of each step. Its level comes from the latest windows of each series
 * ({@link ForecastModel#recent}: the validation windows, topped up with the latest training
 * windows to two dozen), all steps pooled: the half-width of step {@code k} is the training
 * quantile of step {@code k} times the ratio of the recent windows' quantile to the training one.
 * In the model's (possibly logarithmic) units, so on a log scale the interval widens with the level.
 *
 * <p>Why the latest windows: the errors on early training windows are larger than on later ones
 * (there the Holt-Winters reference has run over little history), and the forecasts that matter
 * are made after the latest values. Measured on the backtest cut-offs (IntervalBench in the tests):
 * on a 600-point series with Gaussian noise, the 80% quantile of the absolute errors was 0.17 on
 * the first half of the training windows, 0.13 on the second, 0.12 on validation; intervals from
 * all training errors covered 0.92, and a normal interval widened by validation, the earlier
 * method, 0.92 as well.
 */
final class Intervals {
    /** Nominal coverage of the intervals. */
    static final double LEVEL = 0.8;

    private Intervals() {}

    /**
     * Most training windows whose errors shape the intervals. Beyond it, a random sample of them
     * stands for all ({@link DataSets#sample}). The 80% quantile of n errors has a standard error
     * of sqrt(0.8 x 0.2 / n) in probability, 0.6 points at this n, about 1.4% of the half-width for
     * normal errors; on a trained model with 23,941 windows five samples moved the twelve steps'
     * half-widths by at most 5.6%, typically 1-2%, less than the noise of the scale factor from the
     * few latest windows. The pass over every window was three quarters of an epoch's evaluation on
     * a 25,640-window data set, and it grew with the data.
     */
    static final int SHAPE_WINDOWS = 4096;

    /** Half-widths per horizon step in the model's units, from the ensemble's errors. */
    static double[] halfWidths(List<MultiLayerNetwork> nets, DataSet training, DataSet recent) {
        return halfWidths(errors(nets, DataSets.sample(training, SHAPE_WINDOWS)),
                recent.numExamples() > 0 ? errors(nets, recent) : new double[0][]);
    }

    /**
     * The same half-widths when the validation windows' errors are at hand (an evaluation computes
     * them for the validation loss anyway): the latest windows are the validation windows and
     * {@code recentTraining}, so only those and the training sample go through the network.
     */
    static double[] halfWidths(List<MultiLayerNetwork> nets, DataSet training, DataSet recentTraining,
            double[][] validationErrors) {
        double[][] topUp = recentTraining.numExamples() > 0 ? errors(nets, recentTraining) : new double[0][];
        double[][] recent = new double[topUp.length + validationErrors.length][];
        System.arraycopy(topUp, 0, recent, 0, topUp.length);
        System.arraycopy(validationErrors, 0, recent, topUp.length, validationErrors.length);
        return halfWidths(errors(nets, DataSets.sample(training, SHAPE_WINDOWS)), recent);
    }

    /** The mean of the squared errors (the validation loss: the networks' mean squared error). */
    static double meanSquare(double[][] errors) {
        double sum = 0;
        long count = 0;
        for (double[] window : errors) {
            for (double e : window) {
                sum += e * e;
            }
            count += window.length;
        }
        return sum / count;
    }

    /**
     * Half-widths from errors (forecast minus target) per window and horizon step.
     *
     * @param recent the latest windows' errors; may be empty: then the training errors alone size the interval
     */
    static double[] halfWidths(double[][] training, double[][] recent) {
        int h = training[0].length;
        double[] half = new double[h];
        for (int k = 0; k < h; k++) {
            double[] step = new double[training.length];
            for (int i = 0; i < training.length; i++) {
                step[i] = Math.abs(training[i][k]);
            }
            half[k] = quantile(step, LEVEL);
        }
        double ratio = 1;
        if (recent.length > 0) {
            double all = quantile(absolute(training), LEVEL);
            double latest = quantile(absolute(recent), LEVEL);
            if (all > 0 && latest > 0) {
                ratio = latest / all;
            }
        }
        for (int k = 0; k < h; k++) {
            half[k] *= ratio;
        }
        return half;
    }

    /**
     * The errors (forecast minus target) per window and step, batch by batch: one pass over all
     * training windows at once made the network allocate its step arrays for every window together
     * (25,000 windows: hundreds of MB, fresh every epoch). The rows do not depend on each other;
     * BLAS may round a product of another batch size differently, so an error can move in its last
     * float bit.
     */
    static double[][] errors(List<MultiLayerNetwork> nets, DataSet data) {
        double[][] errors = new double[data.numExamples()][];
        int row = 0;
        for (DataSet batch : ForecastModel.batches(data, ForecastModel.EVAL_BATCH)) {
            for (double[] e : ForecastModel.output(nets, batch.getFeatures()).sub(batch.getLabels()).toDoubleMatrix()) {
                errors[row++] = e;
            }
        }
        return errors;
    }

    private static double[] absolute(double[][] errors) {
        return Arrays.stream(errors).flatMapToDouble(Arrays::stream).map(Math::abs).toArray();
    }

    /** The {@code q} quantile, interpolated linearly between order statistics. */
    static double quantile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
