package com.seqplay.engine.forecasting;

import com.seqplay.engine.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Forecasts with a trained model: the checkpoint {@value Checkpoints#MODEL_FILE} and the
 * {@link ForecastSetup} of a run folder. One pass predicts {@code horizon} values at once; longer
 * forecasts feed the forecast back as history and predict again (errors then compound). A DL4J
 * network is not thread-safe, so calls are serialised.
 */
public final class Forecaster {
    /** Longest forecast one call may ask for. */
    public static final int MAX_STEPS = 10_000;

    private final List<MultiLayerNetwork> nets;
    private ForecastSetup setup;

    /** @param nets the ensemble whose outputs are averaged (one network without an ensemble) */
    Forecaster(List<MultiLayerNetwork> nets, ForecastSetup setup) {
        this.nets = List.copyOf(nets);
        this.setup = setup;
    }

    Forecaster(MultiLayerNetwork net, ForecastSetup setup) {
        this(List.of(net), setup);
    }

    /** The file of ensemble member {@code m} (m from 1; member 0 is {@link Checkpoints#MODEL_FILE}). */
    static String memberFile(int m) {
        return "model-member-" + m + ".zip";
    }

    /**
     * Loads the best checkpoint (every ensemble member) and the setup of a finished (or running)
     * forecasting run. A run over several series stores the setup of its first series, so the
     * model forecasts a new series as if it were scaled like that one.
     */
    public static Forecaster load(Path runDir) throws IOException {
        Path model = runDir.resolve(Checkpoints.MODEL_FILE);
        if (!Files.exists(model) || !Files.exists(runDir.resolve(ForecastSetup.FILE))) {
            throw new IOException(runDir + " holds no trained forecasting model (" + Checkpoints.MODEL_FILE + " and "
                    + ForecastSetup.FILE + ")");
        }
        List<MultiLayerNetwork> nets = new java.util.ArrayList<>();
        nets.add(ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false));
        for (int m = 1; Files.exists(runDir.resolve(memberFile(m))); m++) {
            nets.add(ModelSerializer.restoreMultiLayerNetwork(runDir.resolve(memberFile(m)).toFile(), false));
        }
        return new Forecaster(nets, ForecastSetup.load(runDir));
    }

    /** The same networks with the setup of another series (one model over many series). */
    Forecaster forSeries(ForecastSetup seriesSetup) {
        return new Forecaster(nets, seriesSetup);
    }

    public ForecastSetup setup() {
        return setup;
    }

    /** Uses this setup from now on (the same model, with intervals measured after training). */
    void setup(ForecastSetup newSetup) {
        this.setup = newSetup;
    }

    /** Forecasts {@code steps} values after the last of {@code history} (which needs a full window). */
    public List<Double> forecast(List<? extends Number> history, int steps) {
        double[] values = history.stream().mapToDouble(Number::doubleValue).toArray();
        return Arrays.stream(forecast(values, steps)).boxed().toList();
    }

    /** Forecasts {@code steps} values after the last of {@code history} (which needs a full window). */
    public double[] forecast(double[] history, int steps) {
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be between 1 and " + MAX_STEPS + ", not " + steps);
        }
        if (history.length < setup.history()) {
            throw new IllegalArgumentException("the model reads a window of " + setup.window() + " values"
                    + (setup.period() > setup.window() ? " and the season of " + setup.period() + " before it" : "")
                    + "; the input has " + history.length);
        }
        for (int i = 0; i < history.length; i++) {
            if (!Double.isFinite(history[i])) {
                throw new IllegalArgumentException("input value " + (i + 1) + " is not a finite number");
            }
            if (setup.log() && !(history[i] > 0)) {
                throw new IllegalArgumentException("input value " + (i + 1) + " is " + history[i]
                        + ": this model was trained on a positive series and works on logarithms");
            }
        }
        // the whole history, not just the window: the Holt-Winters reference runs over all of it
        int w = history.length;
        double[] series = Arrays.copyOf(history, w + steps);
        for (int done = 0; done < steps; done += setup.horizon()) {
            double[] next = forecastAt(series, new int[] {w + done})[0];
            System.arraycopy(next, 0, series, w + done, Math.min(next.length, steps - done));
        }
        return Arrays.copyOfRange(series, w, w + steps);
    }

    /**
     * The prediction interval around forecasts from these origins: {@code [0]} the lower and
     * {@code [1]} the upper bounds per origin and step; null when the model has no intervals.
     */
    double[][][] intervalsAt(double[] series, int[] origins, double[][] forecasts) {
        double[] half = setup.intervalHalfWidth();
        if (half == null) {
            return null;
        }
        double[][][] bounds = new double[2][origins.length][setup.horizon()];
        for (int i = 0; i < origins.length; i++) {
            for (int k = 0; k < setup.horizon(); k++) {
                double centre = Windows.unit(forecasts[i][k], setup);
                bounds[0][i][k] = Windows.value(centre - half[k], setup);
                bounds[1][i][k] = Windows.value(centre + half[k], setup);
            }
        }
        return bounds;
    }

    /** One horizon from each origin, read from the window before it, in the series' units. */
    synchronized double[][] forecastAt(double[] series, int[] origins) {
        if (origins.length == 0) {
            return new double[0][];
        }
        var output = ForecastModel.output(nets, Windows.features(series, origins, setup));
        return Windows.decode(output, series, origins, setup);
    }
}
