package com.seqplay.spec;

/** Gradient clipping: a mode and, for the modes that clip at one, its threshold. */
public record Clipping(ClippingMode mode, Double threshold) {
    public static final Clipping NONE = new Clipping(ClippingMode.NONE, null);
}
