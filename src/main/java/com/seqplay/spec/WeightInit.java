package com.seqplay.spec;

/** Initial weights: He suits ReLU-like units, LeCun and Xavier tanh and sigmoid; normal is N(0, 1/fan-in). */
public enum WeightInit implements Choice {
    XAVIER("xavier", "Xavier"),
    HE("he", "He"),
    LECUN("lecun", "LeCun"),
    NORMAL("normal", "Normal");

    private final String id;
    private final String label;

    WeightInit(String id, String label) {
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

    public static java.util.Optional<WeightInit> fromId(String id) {
        return Choice.fromId(WeightInit.class, id);
    }
}
