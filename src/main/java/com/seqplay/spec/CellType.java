package com.seqplay.spec;

import java.util.Arrays;
import java.util.Optional;

/** The recurrent cells a run can use. */
public enum CellType {
    RNN("rnn", "Plain RNN"),
    LSTM("lstm", "LSTM"),
    GRU("gru", "GRU");

    private final String id;
    private final String label;

    CellType(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<CellType> fromId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
