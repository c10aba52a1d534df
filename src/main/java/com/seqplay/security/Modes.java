package com.seqplay.security;

import com.seqplay.config.SeqplayProperties;

/** The two ways to run Seqplay: {@code local} (one person, no login) and {@code lab} (accounts). */
public final class Modes {
    public static final String LOCAL = "local";
    public static final String LAB = "lab";

    private Modes() {}

    public static boolean isLab(SeqplayProperties properties) {
        return LAB.equalsIgnoreCase(properties.mode());
    }
}
