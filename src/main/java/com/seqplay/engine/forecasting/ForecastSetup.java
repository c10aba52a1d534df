package com.seqplay.engine.forecasting;

import com.seqplay.json.Json;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.metrics.HoltWinters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What a trained forecasting model needs besides its weights, kept as {@value #FILE} beside the
 * checkpoint: the window it reads, the horizon it predicts, the season used for the baselines,
 * MASE and the model's targets, how values are transformed ({@link Windows}) and the normaliser
 * fitted on the training part; and the spread of its errors per horizon step for intervals.
 *
 * @param log whether the model works on logarithms (a series of positive values: a season that
 *     grows with the level becomes one of constant size)
 * @param intervalHalfWidth per horizon step, half the width of the prediction interval in the
 *     model's normalised units (null: no intervals)
 * @param reference the Holt-Winters model (fitted on the training part) whose forecasts the
 *     network corrects; null: the seasonal-naive forecast is the reference
 */
public record ForecastSetup(int window, int horizon, int period, Normaliser normaliser, boolean log,
        double[] intervalHalfWidth, HoltWinters.Model reference) {
    public static final String FILE = "forecast-setup.json";
    private static final ObjectMapper MAPPER = Json.MAPPER;

    /** A setup without intervals (set once validation residuals are known). */
    public ForecastSetup(int window, int horizon, int period, Normaliser normaliser, boolean log) {
        this(window, horizon, period, normaliser, log, null, null);
    }

    public ForecastSetup withIntervals(double[] halfWidth) {
        return new ForecastSetup(window, horizon, period, normaliser, log, halfWidth, reference);
    }

    public ForecastSetup withReference(HoltWinters.Model model) {
        return new ForecastSetup(window, horizon, period, normaliser, log, intervalHalfWidth, model);
    }

    /** Values before an origin the model reads: its window, and the season its targets refer to. */
    public int history() {
        return Math.max(window, period);
    }

    public void save(Path runDir) throws IOException {
        Path tmp = runDir.resolve(FILE + ".tmp");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * @throws IOException also for a model saved before forecasts worked on log values and
     *     corrected a reference forecast: its network reads one input channel and predicts the
     *     values themselves, so this version cannot use it (it says so instead of answering wrongly)
     */
    public static ForecastSetup load(Path runDir) throws IOException {
        var tree = MAPPER.readTree(runDir.resolve(FILE).toFile());
        if (!tree.has("log")) {
            throw new IOException("this forecasting model was trained by an earlier version of Seqplay, whose "
                    + "models this version cannot use; its recorded results stay as they are, and a new run with the "
                    + "same specification trains one that can be tried");
        }
        return MAPPER.treeToValue(tree, ForecastSetup.class);
    }
}
