package com.seqplay.engine;

import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;

/** Which ND4J backend and device this process trains on, recorded with every run. */
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
                    + env.getOrDefault("omp.threads", "?") + " OpenMP threads, " + System.getProperty("os.arch");
        }
        return new Backend(name, device);
    }
}
