package com.seqplay.events.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * The first forecast on the test tail: the window the model read, then the actual values beside
 * the model's forecast and both naive baselines, each {@code horizon} long.
 *
 * @param origin index in the series of the first forecast value
 * @param period the season the seasonal naive baseline repeats
 * @param dates when the series has dates: those of history and actual, else {@code null}
 * @param holtWinters the Holt-Winters forecast (null in samples from before it existed)
 * @param lower the model's prediction interval, lower bounds (null without intervals)
 * @param upper the upper bounds
 * @param series which series, when one model forecasts several (null: the run's only series)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ForecastSample(int origin, int period, double[] history, double[] actual, double[] forecast,
        double[] naive, double[] seasonalNaive, List<String> dates, double[] holtWinters, double[] lower,
        double[] upper, String series) implements SamplePayload {
    public static final String KIND = "forecast";

    /** A sample without Holt-Winters and intervals. */
    public ForecastSample(int origin, int period, double[] history, double[] actual, double[] forecast,
            double[] naive, double[] seasonalNaive, List<String> dates) {
        this(origin, period, history, actual, forecast, naive, seasonalNaive, dates, null, null, null, null);
    }

    /** A sample of a run's only series. */
    public ForecastSample(int origin, int period, double[] history, double[] actual, double[] forecast,
            double[] naive, double[] seasonalNaive, List<String> dates, double[] holtWinters, double[] lower,
            double[] upper) {
        this(origin, period, history, actual, forecast, naive, seasonalNaive, dates, holtWinters, lower, upper, null);
    }

    public ForecastSample {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(forecast, "forecast");
        Objects.requireNonNull(naive, "naive");
        Objects.requireNonNull(seasonalNaive, "seasonalNaive");
        dates = dates == null ? null : List.copyOf(dates);
    }

    @Override
    public String kind() {
        return KIND;
    }
}
