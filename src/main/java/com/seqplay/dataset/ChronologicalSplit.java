package com.seqplay.dataset;

import java.util.Arrays;

/**
 * Cuts a series in time order, never shuffled across the cuts: {@code [0, trainEnd)} to fit the
 * model and the normaliser, {@code [trainEnd, validationEnd)} to pick the best epoch and stop
 * early, {@code [validationEnd, length)} the test tail on which forecasts are scored.
 *
 * <p>The test tail is the last 20% of the series and the validation part the 10% before it, each
 * at least one horizon long. A window that forecasts into the validation part or the tail may
 * read its inputs from the parts before it (they are the past at that point); only its targets
 * must lie inside the part.
 *
 * @param length number of values in the series
 */
public record ChronologicalSplit(int length, int trainEnd, int validationEnd) {
    public static final double TEST_FRACTION = 0.2;
    public static final double VALIDATION_FRACTION = 0.1;

    /** The split of a series of {@code length} values for this horizon (no length check). */
    public static ChronologicalSplit of(int length, int horizon) {
        int test = Math.max(horizon, (int) Math.round(length * TEST_FRACTION));
        int validation = Math.max(horizon, (int) Math.round(length * VALIDATION_FRACTION));
        return new ChronologicalSplit(length, length - test - validation, length - test);
    }

    /**
     * The split of this series, after checking that the training part holds at least one window
     * plus its horizon.
     *
     * @throws DatasetFormatException naming the numbers, where the series is too short (the
     *     validator's "test tail" is everything held out: validation part and test tail together,
     *     which the message then spells out)
     */
    public static ChronologicalSplit checked(String name, Series series, int window, int horizon) {
        ChronologicalSplit split = of(series.length(), horizon);
        try {
            SeriesLengthValidator.requireLength(name, series, window, horizon, split.heldOut());
        } catch (DatasetFormatException e) {
            throw DatasetFormatException.sentence(name, e.reason() + " (held out at the end: "
                    + split.validationLength() + " values for validation and " + split.testLength() + " for the test)");
        }
        return split;
    }

    public int trainLength() {
        return trainEnd;
    }

    public int validationLength() {
        return validationEnd - trainEnd;
    }

    public int testLength() {
        return length - validationEnd;
    }

    /** Validation part and test tail together. */
    public int heldOut() {
        return length - trainEnd;
    }

    public double[] train(double[] values) {
        return Arrays.copyOfRange(values, 0, trainEnd);
    }
}
