package com.seqplay.spec;

/** Gradient clipping modes. All but GLOBAL_NORM map onto DL4J's per-layer gradient normalisation; global-norm clips one norm across every parameter, as PyTorch's clip_grad_norm_ does. */
public enum ClippingMode implements Choice {
    NONE("none", "No clipping"),
    VALUE("value", "Clip each value"),
    L2_LAYER("l2-layer", "Clip L2 norm per layer"),
    L2_PARAM_TYPE("l2-param-type", "Clip L2 norm per parameter type"),
    RENORM_LAYER("renorm-layer", "Renormalise each layer to unit L2 norm"),
    GLOBAL_NORM("global-norm", "Clip one global L2 norm");

    private final String id;
    private final String label;

    ClippingMode(String id, String label) {
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

    /** Renormalising and not clipping need no threshold; every other mode clips at one. */
    public boolean usesThreshold() {
        return this != NONE && this != RENORM_LAYER;
    }

    /** A threshold that suits the mode when none is given: values clip at 1, norms at 5. */
    public double defaultThreshold() {
        return this == VALUE ? 1.0 : 5.0;
    }

    public static java.util.Optional<ClippingMode> fromId(String id) {
        return Choice.fromId(ClippingMode.class, id);
    }
}
