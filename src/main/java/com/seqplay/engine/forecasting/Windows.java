package com.seqplay.engine.forecasting;

import com.seqplay.metrics.Baselines;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a series into model inputs and targets. The example at origin {@code o} reads the
 * window {@code [o - window, o)} and predicts {@code [o, o + horizon)}.
 *
 * <p>Values are first taken as logarithms when the setup says so (positive series: a season
 * that grows with the level becomes additive, growth becomes a slope), then standardised with the
 * training part's {@link Normaliser}. Inputs are relative to the window's last value: the model
 * sees the shape of the recent past, in the range it was trained on even when a trend carries the
 * series beyond the training values. Each target is relative to the seasonal-naive forecast of
 * that step (the value one season earlier, {@code o - period + (k mod period)}; the last value
 * without a season): the network learns a correction to the seasonal-naive forecast, so an
 * untrained network already forecasts as well as it, and a short series needs to teach it only
 * how this year differs from the last. Forecasts are mapped back by adding the reference and
 * undoing standardisation and logarithm.
 */
final class Windows {
    /** Input channels per time step (see {@link #features}). */
    static final int CHANNELS = 2;

    private Windows() {}

    /** Examples at the origins {@code from, from + stride, ...} up to and including {@code to}. */
    static DataSet examples(double[] series, int from, int to, int stride, ForecastSetup setup) {
        int count = to < from ? 0 : (to - from) / stride + 1;
        int[] origins = new int[count];
        for (int i = 0; i < count; i++) {
            origins[i] = from + i * stride;
        }
        return new DataSet(features(series, origins, setup), Nd4j.create(targets(series, origins, setup)));
    }

    /** The targets of these origins, in the model's units: shape [origins][horizon]. */
    static double[][] targets(double[] series, int[] origins, ForecastSetup setup) {
        int h = setup.horizon();
        double[][] labels = new double[origins.length][h];
        for (int i = 0; i < origins.length; i++) {
            int o = origins[i];
            double[] reference = reference(series, o, setup);
            for (int k = 0; k < h; k++) {
                labels[i][k] = unit(series[o + k], setup) - unit(reference[k], setup);
            }
        }
        return labels;
    }

    /**
     * The inputs for the windows ending just before each origin: shape [origins, {@value #CHANNELS},
     * window]. Channel 0 is each value relative to the window's last one; channel 1 its change over
     * one season ({@code z_t - z_(t-period)}, 0 where the series does not reach back that far), the
     * quantity the targets are made of: a level shift shows there as a step the network can carry on.
     */
    static INDArray features(double[] series, int[] origins, ForecastSetup setup) {
        int w = setup.window();
        int p = Math.max(1, setup.period());
        float[] data = new float[origins.length * CHANNELS * w];
        for (int i = 0; i < origins.length; i++) {
            int o = origins[i];
            if (o < setup.history() || o > series.length) {
                throw new IllegalArgumentException("origin " + o + " needs the " + setup.history()
                        + " values before it in a series of " + series.length);
            }
            double last = unit(series[o - 1], setup);
            int base = i * CHANNELS * w;
            for (int t = 0; t < w; t++) {
                int at = o - w + t;
                double z = unit(series[at], setup);
                data[base + t] = (float) (z - last);
                data[base + w + t] = at - p >= 0 ? (float) (z - unit(series[at - p], setup)) : 0f;
            }
        }
        return Nd4j.create(data, new long[] {origins.length, CHANNELS, w}, 'c');
    }

    /** Model outputs (corrections in the model's units) back to values in the series' units. */
    static double[][] decode(INDArray output, double[] series, int[] origins, ForecastSetup setup) {
        double[][] out = new double[origins.length][setup.horizon()];
        for (int i = 0; i < origins.length; i++) {
            double[] reference = reference(series, origins[i], setup);
            for (int k = 0; k < setup.horizon(); k++) {
                out[i][k] = value(output.getDouble(i, k) + unit(reference[k], setup), setup);
            }
        }
        return out;
    }

    /**
     * The forecast from origin {@code o} that the network corrects, in the series' units: the
     * setup's Holt-Winters model run over the values before {@code o}, else (or where it leaves the
     * range the logarithm needs) the seasonal-naive forecast.
     */
    static double[] reference(double[] series, int o, ForecastSetup setup) {
        double[] history = Arrays.copyOf(series, o);
        double[] naive = Baselines.seasonalNaive(history, Math.max(1, setup.period()), setup.horizon());
        if (setup.reference() == null) {
            return naive;
        }
        double[] hw = setup.reference().forecast(history, setup.horizon());
        for (int k = 0; k < hw.length; k++) {
            if (!Double.isFinite(hw[k]) || (setup.log() && !(hw[k] > 0))) {
                hw[k] = naive[k];
            }
        }
        return hw;
    }

    /** A value in the model's units: logarithm if the setup says so, then standardised. */
    static double unit(double value, ForecastSetup setup) {
        return setup.normaliser().normalise(setup.log() ? Math.log(value) : value);
    }

    /** The inverse of {@link #unit}. */
    static double value(double unit, ForecastSetup setup) {
        double v = setup.normaliser().denormalise(unit);
        return setup.log() ? Math.exp(v) : v;
    }

    /** Whether a series can be modelled on logarithms: every value positive. */
    static boolean logApplies(double[] values) {
        for (double v : values) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }
}
