package com.seqplay.blas;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The OpenBLAS a process actually runs on, as recorded with every run. Found after the native
 * libraries have loaded: the file mapped into the process ({@code /proc/self/maps}, Linux only)
 * that holds the {@code cblas_sgemm} every BLAS call resolves to. That file is the system library
 * when the process preloads it ({@code LD_PRELOAD}, see {@link NativeBlas}), else ND4J's own.
 *
 * @param source where the library comes from
 * @param version from the system library's file name, or the version ND4J's OpenBLAS was built as
 * @param file the library's file; empty when unknown
 */
public record BlasInUse(Source source, Optional<OpenBlasVersion> version, Optional<Path> file) {

    public enum Source { BUNDLED, SYSTEM, UNKNOWN }

    private static final int MAX_PATH = 300;

    public static BlasInUse unknown() {
        return new BlasInUse(Source.UNKNOWN, Optional.empty(), Optional.empty());
    }

    /**
     * @param mapsLines the lines of {@code /proc/self/maps}
     * @param preload the process's {@code LD_PRELOAD}, may be null
     * @param sgemm where {@code cblas_sgemm} resolves to in this process; empty if not found
     * @param bundled the version of the OpenBLAS that ND4J brings
     */
    public static BlasInUse from(List<String> mapsLines, String preload, OptionalLong sgemm,
            Optional<OpenBlasVersion> bundled) {
        if (sgemm.isEmpty()) {
            return unknown();
        }
        Optional<Path> answering = mappedFileAt(mapsLines, sgemm.getAsLong());
        if (answering.isEmpty() || !NativeBlas.isOpenBlas(answering.get().toString())) {
            // e.g. a BLAS that is not OpenBLAS (MKL, the reference BLAS) was preloaded
            return new BlasInUse(Source.UNKNOWN, Optional.empty(), answering);
        }
        Path file = answering.get();
        if (preloaded(preload).contains(file)) {
            return new BlasInUse(Source.SYSTEM, OpenBlasVersion.fromFileName(file.getFileName().toString()),
                    Optional.of(file));
        }
        return new BlasInUse(Source.BUNDLED, bundled, Optional.of(file));
    }

    /** The file mapped at {@code address}: a maps line is "start-end perms offset dev inode path". */
    static Optional<Path> mappedFileAt(List<String> mapsLines, long address) {
        for (String line : mapsLines) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            int slash = line.indexOf('/');
            if (dash < 0 || space < dash || slash < space) {
                continue;
            }
            try {
                long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
                    return Optional.of(Path.of(line.substring(slash).replace(" (deleted)", "").trim()));
                }
            } catch (NumberFormatException e) {
                // not a mapping line
            }
        }
        return Optional.empty();
    }

    /** The preloaded OpenBLAS files, with links resolved as the maps file names them. */
    private static Set<Path> preloaded(String preload) {
        Set<Path> files = new HashSet<>();
        if (preload != null) {
            for (String entry : preload.split("[:\\s]+")) {
                if (!entry.isEmpty() && NativeBlas.isOpenBlas(entry)) {
                    Path p = Path.of(entry);
                    files.add(p);
                    try {
                        files.add(p.toRealPath());
                    } catch (IOException e) {
                        // a missing file is not loaded either
                    }
                }
            }
        }
        return files;
    }

    /** E.g. "OpenBLAS 0.3.21 (system, /usr/lib/...)", "OpenBLAS 0.3.19 (bundled)", "BLAS unknown". */
    public String describe() {
        String v = "OpenBLAS" + version.map(x -> " " + x).orElse("");
        return switch (source) {
            case SYSTEM -> v + " (system, " + file.map(f -> shortened(f.toString())).orElse("?") + ")";
            case BUNDLED -> v + " (bundled)";
            case UNKNOWN -> file.map(f -> "BLAS " + f).orElse("BLAS unknown");
        };
    }

    /** The runs table keeps 1,000 characters of device text: a long path keeps its end, which names the file. */
    private static String shortened(String path) {
        return path.length() <= MAX_PATH ? path : "..." + path.substring(path.length() - MAX_PATH);
    }

    /** One word for a {@code key=value} line, e.g. "system-0.3.21", "bundled-0.3.19", "unknown". */
    public String token() {
        String s = source.name().toLowerCase(Locale.ROOT);
        return version.map(v -> s + "-" + v).orElse(s);
    }
}
