package com.seqplay.events.health;

import java.util.Optional;

/**
 * What the training-health listener measures per layer. Each is reported as a metric series
 * named {@code health.<quantity>.<layer>} ({@link #series}), so it travels and is stored like
 * every other metric.
 */
public enum HealthQuantity {
    /**
     * Norm of the parameter update over the norm of the parameters, of one layer in one step: how
     * far one step moves the layer relative to where it is.
     */
    UPDATE_RATIO("update_ratio"),
    /** Standard deviation of the layer's output activations over the batch, units and steps. */
    ACTIVATION_STD("act_std"),
    /** Standard deviation of the layer's parameter gradient (mean over the batch) before clipping. */
    GRADIENT_STD("grad_std");

    /** Every health series starts with this, so charts of other metrics can leave them out. */
    public static final String PREFIX = "health.";
    private final String id;

    HealthQuantity(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The metric name for this quantity of one layer (e.g. {@code health.update_ratio.0}). */
    public String series(String layer) {
        return PREFIX + id + "." + layer;
    }

    /** Whether a metric name is one of the health series. */
    public static boolean isHealthSeries(String metricName) {
        return metricName.startsWith(PREFIX);
    }

    /** The quantity and layer a health series name stands for; empty for any other name. */
    public static Optional<LayerSeries> parse(String metricName) {
        if (!isHealthSeries(metricName)) {
            return Optional.empty();
        }
        String rest = metricName.substring(PREFIX.length());
        for (HealthQuantity q : values()) {
            if (rest.startsWith(q.id + ".") && rest.length() > q.id.length() + 1) {
                return Optional.of(new LayerSeries(q, rest.substring(q.id.length() + 1)));
            }
        }
        return Optional.empty();
    }

    /** One health series: which quantity, of which layer. */
    public record LayerSeries(HealthQuantity quantity, String layer) {}
}
