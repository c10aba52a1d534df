package com.seqplay.spec;

/** The recurrent cells a run can use. */
public enum CellType implements Choice {
    RNN("rnn", "Plain RNN"),
    LSTM("lstm", "LSTM"),
    GRU("gru", "GRU");

    private final String id;
    private final String label;

    CellType(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    public static java.util.Optional<CellType> fromId(String id) {
        return Choice.fromId(CellType.class, id);
    }
}
