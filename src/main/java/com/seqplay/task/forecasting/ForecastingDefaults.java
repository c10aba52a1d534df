package com.seqplay.task.forecasting;

import com.seqplay.dataset.ChronologicalSplit;
import com.seqplay.metrics.Baselines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Window, horizon, season, batch, hidden size and training budget that fit a series, each with its
 * reason. Values the person gave are kept and constrain the rest (a given horizon shapes the
 * window, a given window the batch).
 *
 * <ul>
 *   <li>Season: detected on the first 70% of the values ({@link #detectionLength}).</li>
 *   <li>Horizon: one season, at most {@value #MAX_HORIZON} steps; without a season 12 steps on a
 *       long series, a twentieth of a short one. Halved while the series cannot give
 *       {@value #MIN_WINDOWS} training windows.</li>
 *   <li>Window: two seasons (at most {@value #MAX_SEASONAL_WINDOW} values, else 48), else a season
 *       plus the horizon (each target's value a season earlier is then inside the window), else one
 *       season; without a season 48, 24 or four horizons.
 *       The first that leaves {@value #MIN_WINDOWS} training windows.</li>
 *   <li>Batch: a quarter of the training windows (a power of two, at most 64), so every epoch
 *       makes several updates.</li>
 *   <li>Hidden size: 32 units below {@value #LARGE_DATA_WINDOWS} training windows (a small series
 *       cannot feed more), 64 above.</li>
 *   <li>Budget: enough epochs for about {@value #TARGET_UPDATES} updates (at least 10), with early
 *       stopping on the validation loss once there are more than 20 epochs.</li>
 * </ul>
 */
public final class ForecastingDefaults {
    static final int MAX_HORIZON = 12;
    static final int MIN_WINDOWS = 16;
    static final int MAX_BATCH = 64;
    static final int LARGE_DATA_WINDOWS = 400;
    static final int TARGET_UPDATES = 500;
    static final int MIN_EPOCHS = 10;
    static final int MAX_EPOCHS = 500;
    /** Detection reads at most this many values and looks for seasons up to this long. */
    static final int DETECTION_VALUES = 20_000;
    static final int MAX_DETECTED_PERIOD = 400;
    static final int MAX_WINDOW = 400;
    /** Longest window of two seasons; a longer season gets a window of 48. */
    static final int MAX_SEASONAL_WINDOW = 96;

    /** Values a person gave (null: propose one). */
    public record Given(Integer period, Integer window, Integer horizon, Integer batchSize, Integer hiddenSize,
            Integer epochs, Integer patience) {
        public static final Given NOTHING = new Given(null, null, null, null, null, null, null);
    }

    /**
     * The proposed values, the given ones included; {@code period} is the season used to propose
     * (0 where the person asked for detection at training time).
     *
     * @param reasons per specification field, only for the fields proposed here
     */
    public record Values(int period, int window, int horizon, int batchSize, int hiddenSize, int epochs, int patience,
            long trainingWindows, Map<String, String> reasons) {}

    private ForecastingDefaults() {}

    /**
     * How many of the first values season detection reads in a series of {@code n}: about the
     * training part (the held-out tail is the future and must not choose the season), at most
     * {@value #DETECTION_VALUES}.
     */
    public static int detectionLength(int n) {
        return (int) Math.min(DETECTION_VALUES, Math.round(n * 0.7));
    }

    /** The season in these values (the first {@link #detectionLength} of a series); 1 when none is clear. */
    public static int detectPeriod(double[] head) {
        return Baselines.detectPeriod(head, Math.min(MAX_DETECTED_PERIOD, head.length / 3));
    }

    /**
     * The season of several series: the one detected in most of them (each on the first
     * {@link #detectionLength} of its values), the first series' among equally common ones.
     *
     * @param heads each series' values, at least its detection length
     * @param lengths each series' full length
     */
    public static int detectPeriod(List<double[]> heads, int[] lengths) {
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        for (int i = 0; i < heads.size(); i++) {
            double[] head = heads.get(i);
            int period = detectPeriod(java.util.Arrays.copyOf(head, Math.min(head.length, detectionLength(lengths[i]))));
            votes.merge(period, 1, Integer::sum);
        }
        int best = 1;
        int most = 0;
        for (var e : votes.entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    /** The proposal for a series of these values. */
    public static Values propose(double[] values, Given given) {
        return propose(values.length,
                () -> detectPeriod(java.util.Arrays.copyOf(values, detectionLength(values.length))), given);
    }

    /**
     * The proposal for a series of {@code n} values whose season {@code detect} finds (called only
     * when no period is given).
     */
    public static Values propose(int n, java.util.function.IntSupplier detect, Given given) {
        return propose(new int[] {n}, detect, given);
    }

    /**
     * The proposal for one model over series of these lengths: the shortest series bounds horizon
     * and window (each series must give its own training windows), the windows of all series
     * together decide batch, hidden size and budget.
     */
    public static Values propose(int[] lengths, java.util.function.IntSupplier detect, Given given) {
        int n = java.util.Arrays.stream(lengths).min().orElseThrow();
        Map<String, String> reasons = new LinkedHashMap<>();
        int period;
        if (given.period() != null && given.period() > 0) {
            period = given.period();
        } else {
            period = detect.getAsInt();
            if (given.period() == null) {
                reasons.put("period", lengths.length > 1
                        ? period + ": the season most of the " + lengths.length + " series show (autocorrelation of the "
                                + "first 70% of each)"
                        : period > 1
                        ? period + ": detected from the autocorrelation of the first " + detectionLength(n) + " values"
                        : "1: no clear season in the first " + detectionLength(n) + " values (the seasonal-naive "
                                + "forecast is then the naive one)");
            }
        }
        boolean seasonal = period >= 2;

        int horizon;
        String horizonReason;
        if (given.horizon() != null) {
            horizon = given.horizon();
            horizonReason = null;
        } else if (seasonal) {
            horizon = Math.min(period, MAX_HORIZON);
            horizonReason = horizon == period ? "one season of " + period
                    : "at most " + MAX_HORIZON + " steps ahead (a season is " + period + ")";
        } else {
            horizon = n >= 240 ? MAX_HORIZON : Math.max(1, n / 20);
            horizonReason = horizon == MAX_HORIZON ? MAX_HORIZON + " steps, no season to follow"
                    : "a twentieth of the " + n + " values, no season to follow";
        }

        int firstHorizon = horizon;
        String firstReason = horizonReason;
        int window = 0;
        String windowReason = null;
        while (true) {
            if (given.window() != null) {
                window = given.window();
            } else {
                Choice best = null;
                for (Choice c : windowChoices(period, horizon)) {
                    long w = trainingWindows(n, c.window, horizon);
                    if (w >= MIN_WINDOWS) {
                        best = c;
                        break;
                    }
                    if (best == null || w > trainingWindows(n, best.window, horizon)) {
                        best = c;
                    }
                }
                window = best.window;
                windowReason = best.reason;
            }
            boolean fits = trainingWindows(n, window, horizon) >= MIN_WINDOWS;
            if (fits || given.horizon() != null || horizon == 1) {
                break;
            }
            horizonReason = "less than " + firstReason + ": the " + n + " values give too few training windows for "
                    + firstHorizon;
            horizon = (horizon + 1) / 2;
        }
        if (horizonReason != null) {
            reasons.put("horizon", horizon + ": " + horizonReason);
        }
        if (windowReason != null) {
            reasons.put("window", window + ": " + windowReason + (lengths.length > 1
                    ? " (the shortest of the " + lengths.length + " series has " + n + " values)" : ""));
        }

        long windows = 0;
        for (int length : lengths) {
            windows += Math.max(0, trainingWindows(length, window, horizon));
        }
        String over = lengths.length > 1 ? " of all " + lengths.length + " series" : "";
        int batch;
        if (given.batchSize() != null) {
            batch = given.batchSize();
        } else {
            batch = (int) Math.max(1, Math.min(MAX_BATCH, Long.highestOneBit(Math.max(1, windows / 4))));
            reasons.put("batchSize", batch + (batch == MAX_BATCH ? ": the largest batch that still trains fast"
                    : String.format(Locale.ROOT, ": about a quarter of the %,d training windows%s, so each epoch "
                            + "makes several updates", Math.max(0, windows), over)));
        }

        int hidden;
        if (given.hiddenSize() != null) {
            hidden = given.hiddenSize();
        } else {
            hidden = windows >= LARGE_DATA_WINDOWS ? 64 : 32;
            reasons.put("hiddenSize", hidden + String.format(Locale.ROOT, ": %,d training windows%s %s", Math.max(0, windows), over,
                    hidden == 64 ? "feed a network of this size" : "are too few for a larger network ("
                            + 64 + " from " + LARGE_DATA_WINDOWS + " windows on)"));
        }

        long batchesPerEpoch = Math.max(1, (windows + batch - 1) / batch);
        int epochs;
        if (given.epochs() != null) {
            epochs = given.epochs();
        } else {
            epochs = (int) Math.max(MIN_EPOCHS, Math.min(MAX_EPOCHS, (TARGET_UPDATES + batchesPerEpoch - 1) / batchesPerEpoch));
            reasons.put("epochs", String.format(Locale.ROOT, "%d: about %,d updates at %,d batches per epoch", epochs,
                    epochs * batchesPerEpoch, batchesPerEpoch));
        }
        int patience;
        if (given.patience() != null) {
            patience = given.patience();
        } else {
            patience = epochs > 20 ? Math.max(10, epochs / 5) : 0;
            reasons.put("patience", patience == 0 ? "0: " + epochs + " epochs are few; the best epoch is kept anyway"
                    : patience + ": stop once the validation loss has not improved for a fifth of the epochs");
        }
        return new Values(given.period() != null ? given.period() : period, window, horizon, batch, hidden, epochs,
                patience, windows, reasons);
    }

    private record Choice(int window, String reason) {}

    private static List<Choice> windowChoices(int period, int horizon) {
        if (period >= 2 && 2 * period > MAX_SEASONAL_WINDOW) {
            // the reference forecast carries so long a season; the network reads the recent past
            return List.of(new Choice(48, "48 past values (two seasons of " + period + " are too long to read "
                            + "step by step)"),
                    new Choice(24, "24 past values (the series is short)"));
        }
        if (period >= 2) {
            return List.of(
                    new Choice(Math.min(MAX_WINDOW, Math.max(2 * period, 8)), "two seasons of " + period),
                    new Choice(Math.min(MAX_WINDOW, period + horizon), "one season of " + period + " plus the horizon"),
                    new Choice(Math.min(MAX_WINDOW, period), "one season of " + period + " (the series is short)"));
        }
        return List.of(new Choice(48, "48 past values, no season to follow"),
                new Choice(24, "24 past values, no season to follow (the series is short)"),
                new Choice(Math.max(4 * horizon, 4), "four horizons (the series is short)"),
                new Choice(Math.max(2 * horizon, 2), "two horizons (the series is short)"));
    }

    /** Windows whose targets lie in the training part, as the trainer cuts the series. */
    static long trainingWindows(int length, int window, int horizon) {
        return ChronologicalSplit.of(length, horizon).trainEnd() - (long) window - horizon + 1;
    }
}
