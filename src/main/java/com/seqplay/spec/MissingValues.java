package com.seqplay.spec;

/** What forecasting does with an empty or non-numeric value in an uploaded series. */
public enum MissingValues implements Choice {
    REFUSE("refuse", "Refuse the file"),
    INTERPOLATE("interpolate", "Interpolate linearly");

    private final String id;
    private final String label;

    MissingValues(String id, String label) {
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

    public static java.util.Optional<MissingValues> fromId(String id) {
        return Choice.fromId(MissingValues.class, id);
    }
}
