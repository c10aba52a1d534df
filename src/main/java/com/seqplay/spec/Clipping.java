package com.seqplay.spec;

/** Gradient clipping: a mode id (see {@link ClippingMode}) and its threshold. */
public record Clipping(String mode, Double threshold) {
    public static final Clipping NONE = new Clipping("none", null);
}
