package com.seqplay.dataset;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A univariate time series as uploaded or generated.
 *
 * @param name   what the values are (the column's header, or the file's name without a header)
 * @param values the observations in time order, all finite
 * @param dates  the date column's text, one per value, or {@code null} when there is none
 */
public record Series(String name, double[] values, List<String> dates) {

    public Series {
        Objects.requireNonNull(name, "name");
        values = values.clone();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("value " + i + " of series " + name + " is not finite");
            }
        }
        if (dates != null) {
            if (dates.size() != values.length) {
                throw new IllegalArgumentException("series " + name + " has " + values.length
                        + " values but " + dates.size() + " dates");
            }
            dates = List.copyOf(dates);
        }
    }

    /** A series without dates. */
    public Series(String name, double[] values) {
        this(name, values, null);
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    public int length() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && name.equals(s.name) && Arrays.equals(values, s.values)
                && Objects.equals(dates, s.dates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(values), dates);
    }

    @Override
    public String toString() {
        return "Series[name=" + name + ", length=" + values.length + (dates == null ? "" : ", dated") + "]";
    }
}
