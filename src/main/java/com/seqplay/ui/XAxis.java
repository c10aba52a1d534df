package com.seqplay.ui;

import elemental.json.Json;
import elemental.json.JsonObject;

/**
 * A chart's x axis: its name, which says the unit, and which coordinate of a metric point it
 * reads. Per-epoch values drawn by step would put epoch 1 at step 157 and mislead the reader.
 */
public record XAxis(String name, Coordinate coordinate) {

    /** Which field of a {@link com.seqplay.run.domain.MetricPoint} is x. */
    public enum Coordinate {
        /** The point's step (also any other position a chart stores there, such as a distance). */
        STEP,
        /** The point's epoch: whole numbers. */
        EPOCH
    }

    public static final XAxis STEP = new XAxis("step", Coordinate.STEP);
    public static final XAxis EPOCH = new XAxis("epoch", Coordinate.EPOCH);

    /** An axis reading the step field under another name, e.g. "distance (steps back)". */
    public static XAxis named(String name) {
        return new XAxis(name, Coordinate.STEP);
    }

    JsonObject toJson() {
        JsonObject json = Json.createObject();
        json.put("name", name);
        json.put("epoch", coordinate == Coordinate.EPOCH);
        return json;
    }
}
