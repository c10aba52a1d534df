package com.seqplay.blas;

import java.util.Locale;
import java.util.Optional;

/** Which OpenBLAS a process that trains should run on ({@code seqplay.trainer.blas}, {@code bench --blas}). */
public enum BlasChoice {
    /** The OpenBLAS that ND4J brings (0.3.19 with ND4J 1.0.0-M2.1). */
    BUNDLED,
    /** The operating system's OpenBLAS at its usual place, whatever its version; the bundled one if none. */
    SYSTEM,
    /** The system's OpenBLAS when one of at least {@link NativeBlas#AUTO_MINIMUM} is found; else the bundled one. */
    AUTO;

    /** The lower-case name used in settings and on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BlasChoice> fromId(String id) {
        for (BlasChoice choice : values()) {
            if (choice.id().equalsIgnoreCase(id.trim())) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }
}
