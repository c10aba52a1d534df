package com.seqplay.blas;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An OpenBLAS release number, e.g. 0.3.21. */
public record OpenBlasVersion(int major, int minor, int patch) implements Comparable<OpenBlasVersion> {
    /**
     * OpenBLAS's own install names its library {@code libopenblas<target suffix>-r<version>.so}
     * (Debian's pthread build: {@code libopenblasp-r0.3.21.so}); the {@code libopenblas.so.0}
     * links point at that file.
     */
    private static final Pattern FILE_NAME = Pattern.compile("libopenblas[A-Za-z0-9_]*-r(\\d+)\\.(\\d+)(?:\\.(\\d+))?\\.so");
    /** {@code openblas_get_config()} starts with e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ...". */
    private static final Pattern CONFIG = Pattern.compile("^OpenBLAS (\\d+)\\.(\\d+)(?:\\.(\\d+))?\\b");

    /** The version in a library file's name; empty when the name does not carry one. */
    public static Optional<OpenBlasVersion> fromFileName(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        return m.matches() ? Optional.of(of(m)) : Optional.empty();
    }

    /** The version at the start of the text {@code openblas_get_config()} returns. */
    public static Optional<OpenBlasVersion> fromConfig(String config) {
        Matcher m = CONFIG.matcher(config.trim());
        return m.lookingAt() ? Optional.of(of(m)) : Optional.empty();
    }

    private static OpenBlasVersion of(Matcher m) {
        return new OpenBlasVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(OpenBlasVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
