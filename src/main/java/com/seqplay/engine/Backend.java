package com.seqplay.engine;

import com.seqplay.blas.BlasInUse;
import com.seqplay.blas.OpenBlasVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Which ND4J backend and device this process trains on, recorded with every run. On the CPU the
 * device text ends with the OpenBLAS in use ({@link BlasInUse}), since a system library may have
 * been preloaded in place of the bundled one.
 */
public record Backend(String name, String device) {

    public static Backend current() {
        String name = Nd4j.getBackend().getClass().getSimpleName().replace("Backend", "").toUpperCase();
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        Object devices = env.get("cuda.devicesInformation");
        String device;
        if (devices != null) {
            device = devices.toString();
        } else {
            device = "CPU, " + env.getOrDefault("cores", Runtime.getRuntime().availableProcessors()) + " cores, "
                    + env.getOrDefault("omp.threads", "?") + " OpenMP threads, " + System.getProperty("os.arch")
                    + ", " + blas().describe();
        }
        return new Backend(name, device);
    }

    /** The OpenBLAS this process runs on; call it after ND4J has loaded ({@link #current} does). */
    public static BlasInUse blas() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return BlasInUse.unknown();
        }
        try {
            return BlasInUse.from(Files.readAllLines(maps), System.getenv("LD_PRELOAD"), sgemmAddress(),
                    OpenBlasVersion.fromConfig(openblas_nolapack.OPENBLAS_VERSION));
        } catch (IOException | RuntimeException e) {
            return BlasInUse.unknown();
        }
    }

    /**
     * Where {@code cblas_sgemm} resolves to: JavaCPP looks the name up in the process's global
     * scope, the same lookup that ND4J's and our own calls went through when they were bound, so a
     * preloaded library is found first.
     */
    private static OptionalLong sgemmAddress() {
        try {
            Loader.load(openblas_nolapack.class);
            Pointer p = Loader.addressof("cblas_sgemm");
            return p == null || p.isNull() ? OptionalLong.empty() : OptionalLong.of(p.address());
        } catch (RuntimeException | LinkageError e) {
            return OptionalLong.empty();
        }
    }
}
