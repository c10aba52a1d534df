package com.seqplay.ui;

import elemental.json.Json;
import elemental.json.JsonObject;

/**
 * A chart's y axis: the one quantity it measures (its name, with the unit), linear or log, an
 * optional fixed range, and whether its values are shares shown as percentages.
 */
public record YAxis(String name, boolean log, Double min, Double max, boolean percent) {

    public static YAxis linear(String name) {
        return new YAxis(name, false, null, null, false);
    }

    /** Powers of ten equally spaced: for quantities that span orders of magnitude, such as gradient norms. */
    public static YAxis log(String name) {
        return new YAxis(name, true, null, null, false);
    }

    /** A share between 0 and 1, labelled 0% to 100%. */
    public static YAxis share(String name) {
        return new YAxis(name, false, 0.0, 1.0, true);
    }

    public YAxis range(double from, double to) {
        return new YAxis(name, log, from, to, percent);
    }

    JsonObject toJson() {
        JsonObject json = Json.createObject();
        json.put("name", name);
        json.put("log", log);
        json.put("percent", percent);
        if (min != null) {
            json.put("min", min);
        }
        if (max != null) {
            json.put("max", max);
        }
        return json;
    }
}
