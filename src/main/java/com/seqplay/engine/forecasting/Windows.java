package com.seqplay.engine.forecasting;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a series into model inputs and targets. The example at origin {@code o} reads the
 * window {@code [o - window, o)} and predicts {@code [o, o + horizon)}.
 *
 * <p>Values are standardised with the training part's {@link Normaliser}, then taken relative to
 * the window's last value: the model sees the shape of the recent past and predicts the change
 * from where the series stands now. That keeps inputs in the range seen in training when a trend
 * carries the test tail beyond the training values, which a tanh-bounded recurrent state could
 * not follow otherwise. Forecasts are mapped back by adding the last value and undoing the
 * standardisation.
 */
final class Windows {
    private Windows() {}

    /** Examples at the origins {@code from, from + stride, ...} up to and including {@code to}. */
    static DataSet examples(double[] series, int from, int to, int stride, ForecastSetup setup) {
        int count = to < from ? 0 : (to - from) / stride + 1;
        int[] origins = new int[count];
        for (int i = 0; i < count; i++) {
            origins[i] = from + i * stride;
        }
        INDArray features = features(series, origins, setup);
        int h = setup.horizon();
        float[] labels = new float[count * h];
        Normaliser n = setup.normaliser();
        for (int i = 0; i < count; i++) {
            int o = origins[i];
            double last = n.normalise(series[o - 1]);
            for (int k = 0; k < h; k++) {
                labels[i * h + k] = (float) (n.normalise(series[o + k]) - last);
            }
        }
        return new DataSet(features, Nd4j.create(labels, new long[] {count, h}, 'c'));
    }

    /** The inputs for the windows ending just before each origin: shape [origins, 1, window]. */
    static INDArray features(double[] series, int[] origins, ForecastSetup setup) {
        int w = setup.window();
        Normaliser n = setup.normaliser();
        float[] data = new float[origins.length * w];
        for (int i = 0; i < origins.length; i++) {
            int o = origins[i];
            if (o < w || o > series.length) {
                throw new IllegalArgumentException("origin " + o + " needs the " + w + " values before it in a series of "
                        + series.length);
            }
            double last = n.normalise(series[o - 1]);
            for (int t = 0; t < w; t++) {
                data[i * w + t] = (float) (n.normalise(series[o - w + t]) - last);
            }
        }
        return Nd4j.create(data, new long[] {origins.length, 1, w}, 'c');
    }

    /** Model outputs (relative, standardised) back to values in the series' units. */
    static double[][] decode(INDArray output, double[] series, int[] origins, ForecastSetup setup) {
        Normaliser n = setup.normaliser();
        double[][] out = new double[origins.length][setup.horizon()];
        for (int i = 0; i < origins.length; i++) {
            double last = n.normalise(series[origins[i] - 1]);
            for (int k = 0; k < setup.horizon(); k++) {
                out[i][k] = n.denormalise(output.getDouble(i, k) + last);
            }
        }
        return out;
    }
}
