package com.seqplay.blas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which OpenBLAS a process that trains runs on, as an environment for that process.
 *
 * <p>Why: ND4J 1.0.0-M2.1 brings OpenBLAS 0.3.19. Debian's and Ubuntu's packaged OpenBLAS 0.3.21
 * ({@code libopenblas0-pthread}) made our recurrent cells train 10-15% faster on an AMD Zen 4
 * machine (one thread; its newer kernels for the small per-step matrix products). Preloading a
 * library ({@code LD_PRELOAD}) puts its symbols before every other library's, so the system
 * library then answers both ND4J's BLAS calls and our direct {@code cblas_sgemm} calls, without
 * changing anything else in the process. A library can only be chosen before the JVM starts, so
 * the choice is made by whoever starts it.
 *
 * <p>The rule is deliberately simple enough to be repeated outside Java: a trainer may be
 * started on another machine (a batch job), where a script must come to the same answer from that
 * machine's files. For {@code auto}, in shell:
 * <pre>{@code
 * triplet="$(uname -m)-linux-gnu"            # x86_64-linux-gnu, aarch64-linux-gnu
 * for f in /usr/lib/$triplet/libopenblas.so.0 /usr/lib/$triplet/openblas-pthread/libopenblas.so.0 \
 *          /usr/lib/$triplet/openblas-openmp/libopenblas.so.0; do
 *   real="$(readlink -f "$f")" && [ -f "$real" ] || continue
 *   v="$(basename "$real" | sed -nE 's/^libopenblas[A-Za-z0-9_]*-r([0-9]+\.[0-9]+(\.[0-9]+)?)\.so$/\1/p')"
 *   [ -n "$v" ] && [ "$(printf '%s\n' 0.3.21 "$v" | sort -V | head -n1)" = 0.3.21 ] || continue
 *   export LD_PRELOAD="$real${LD_PRELOAD:+:$LD_PRELOAD}"; break
 * done
 * }</pre>
 * {@code system} is the same without the version test; {@code bundled} removes any
 * {@code libopenblas} from {@code LD_PRELOAD}. A configured library path replaces the three
 * candidates. No library found never fails a run: the process then runs on the bundled one.
 */
public final class NativeBlas {
    /** The oldest system OpenBLAS {@code auto} uses: the one measured faster than the bundled 0.3.19. */
    public static final OpenBlasVersion AUTO_MINIMUM = new OpenBlasVersion(0, 3, 21);
    public static final String PRELOAD = "LD_PRELOAD";

    private NativeBlas() {}

    /**
     * What a child process gets.
     *
     * @param library the system library to preload; empty: the bundled one
     * @param version the library's version, when its file name carries one
     * @param reason one sentence saying why, for the log
     */
    public record Decision(Optional<Path> library, Optional<OpenBlasVersion> version, String reason) {
        public boolean system() {
            return library.isPresent();
        }

        /** Sets (or, for the bundled library, clears) the preload of a child's environment. */
        public void applyTo(Map<String, String> environment) {
            preloadAfter(environment.get(PRELOAD)).ifPresentOrElse(v -> environment.put(PRELOAD, v),
                    () -> environment.remove(PRELOAD));
        }

        /**
         * The {@code LD_PRELOAD} a child gets when its parent has {@code inherited}: the parent's
         * entries without any OpenBLAS, with ours first. Applying it twice gives the same value.
         */
        public Optional<String> preloadAfter(String inherited) {
            List<String> entries = new ArrayList<>();
            library.ifPresent(l -> entries.add(l.toString()));
            if (inherited != null) {
                for (String entry : inherited.split("[:\\s]+")) {
                    if (!entry.isEmpty() && !isOpenBlas(entry) && !entries.contains(entry)) {
                        entries.add(entry);
                    }
                }
            }
            return entries.isEmpty() ? Optional.empty() : Optional.of(String.join(":", entries));
        }

        /** True when a process whose {@code LD_PRELOAD} is {@code current} already runs as decided. */
        public boolean matches(String current) {
            Optional<String> normalized = current == null || current.isBlank() ? Optional.empty() : Optional.of(current);
            return preloadAfter(current).equals(normalized);
        }
    }

    /** True for a path whose file name is an OpenBLAS library. */
    static boolean isOpenBlas(String path) {
        String name = Path.of(path).getFileName() == null ? path : Path.of(path).getFileName().toString();
        return name.startsWith("libopenblas");
    }

    /**
     * Where Debian and Ubuntu install OpenBLAS under {@code root} ("/" in production): the
     * alternatives link the administrator chose, then the pthread and the OpenMP build.
     *
     * @param osArch {@code os.arch} of the machine; empty for one without a Debian multiarch folder
     */
    public static List<Path> debianCandidates(Path root, String osArch) {
        String triplet = switch (osArch) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64", "arm64" -> "aarch64-linux-gnu";
            default -> null;
        };
        if (triplet == null) {
            return List.of();
        }
        Path lib = root.resolve("usr/lib").resolve(triplet);
        return List.of(lib.resolve("libopenblas.so.0"), lib.resolve("openblas-pthread/libopenblas.so.0"),
                lib.resolve("openblas-openmp/libopenblas.so.0"));
    }

    /** The candidates of this machine: the configured library alone when one is set, else Debian's places. */
    public static List<Path> candidates(Optional<Path> configured) {
        return configured.map(List::of)
                .orElseGet(() -> debianCandidates(Path.of("/"), System.getProperty("os.arch")));
    }

    /** Applies the rule of the class comment to {@code candidates}, in order. */
    public static Decision decide(BlasChoice choice, List<Path> candidates) {
        if (choice == BlasChoice.BUNDLED) {
            return new Decision(Optional.empty(), Optional.empty(), "bundled OpenBLAS, as configured");
        }
        Set<String> rejected = new LinkedHashSet<>();
        for (Path candidate : candidates) {
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (IOException e) {
                rejected.add(candidate + ": not found");
                continue;
            }
            if (!Files.isRegularFile(real)) {
                rejected.add(candidate + ": " + real + " is not a file");
                continue;
            }
            Optional<OpenBlasVersion> version = OpenBlasVersion.fromFileName(real.getFileName().toString());
            if (choice == BlasChoice.AUTO && version.isEmpty()) {
                rejected.add(candidate + ": version unknown (" + real.getFileName() + " is not named libopenblas*-r<version>.so)");
                continue;
            }
            if (choice == BlasChoice.AUTO && version.get().compareTo(AUTO_MINIMUM) < 0) {
                rejected.add(candidate + ": " + version.get() + " is older than " + AUTO_MINIMUM);
                continue;
            }
            return new Decision(Optional.of(real), version, "system OpenBLAS "
                    + version.map(OpenBlasVersion::toString).orElse("(version unknown)") + " at " + real
                    + (choice == BlasChoice.AUTO ? " (auto: " + AUTO_MINIMUM + " or newer found)" : ", as configured"));
        }
        String looked = rejected.isEmpty() ? "no place to look on this machine" : String.join("; ", rejected);
        return new Decision(Optional.empty(), Optional.empty(), (choice == BlasChoice.AUTO
                ? "bundled OpenBLAS: auto found no system OpenBLAS " + AUTO_MINIMUM + " or newer"
                : "bundled OpenBLAS: system was asked for but no system OpenBLAS is usable") + " (" + looked + ")");
    }
}
