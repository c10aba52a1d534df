package com.seqplay.spec;

import java.util.Arrays;
import java.util.Optional;

/**
 * Gradient clipping modes. All but {@link #GLOBAL_NORM} map onto DL4J's per-layer
 * {@code GradientNormalization}; global-norm clips one norm across every parameter, as
 * PyTorch's {@code clip_grad_norm_} does.
 */
public enum ClippingMode {
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

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<ClippingMode> fromId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst();
    }
}
