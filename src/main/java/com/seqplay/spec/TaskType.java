package com.seqplay.spec;

import java.util.Arrays;
import java.util.Optional;

/** The learning problems Seqplay offers; {@link #id()} is the name used in specifications and the API. */
public enum TaskType {
    TRANSLATION("translation", "Translation (encoder-decoder)"),
    FORECASTING("forecasting", "Time-series forecasting"),
    TEXTGEN("textgen", "Text generation");

    private final String id;
    private final String label;

    TaskType(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<TaskType> fromId(String id) {
        return Arrays.stream(values()).filter(t -> t.id.equals(id)).findFirst();
    }
}
