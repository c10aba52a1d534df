package com.seqplay.spec;

/** How the weights follow the gradient. SGD uses Nesterov momentum 0.9. */
public enum Optimizer implements Choice {
    ADAM("adam", "Adam"),
    RMSPROP("rmsprop", "RMSProp"),
    SGD("sgd", "SGD with Nesterov momentum");

    private final String id;
    private final String label;

    Optimizer(String id, String label) {
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

    public static java.util.Optional<Optimizer> fromId(String id) {
        return Choice.fromId(Optimizer.class, id);
    }
}
