package com.seqplay.dataset;

/**
 * Checks that a series is long enough for a forecasting run before any training starts, so that
 * the person learns it from the upload form and not from a failed run.
 */
public final class SeriesLengthValidator {

    private SeriesLengthValidator() {
    }

    /**
     * Requires {@code window + horizon + testTail} values: one full input window and its horizon
     * to train on, and a held-out tail at the end to measure the forecast on.
     *
     * @throws DatasetFormatException naming the numbers, e.g. "sales.csv has 30 values; a window
     *         of 24 plus a horizon of 12 plus a test tail of 12 needs at least 48"
     */
    public static void requireLength(String fileName, Series series, int window, int horizon, int testTail) {
        if (window < 1 || horizon < 1 || testTail < 0) {
            throw new IllegalArgumentException("window and horizon must be at least 1 and the test tail at least 0, got "
                    + window + ", " + horizon + ", " + testTail);
        }
        long needed = (long) window + horizon + testTail;
        if (series.length() < needed) {
            throw DatasetFormatException.sentence(fileName, String.format(
                    "has %,d values; a window of %,d plus a horizon of %,d plus a test tail of %,d needs at least %,d",
                    series.length(), window, horizon, testTail, needed));
        }
    }
}
