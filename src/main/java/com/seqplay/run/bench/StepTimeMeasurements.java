package com.seqplay.run.bench;

import com.seqplay.bench.StepTimeReport;
import com.seqplay.config.SeqplayProperties;
import com.seqplay.run.launch.ChildBlas;
import com.seqplay.run.launch.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The time-per-step measurement behind the "why attention" page: the latest one, kept as JSON in
 * the data folder, and a new one on request. The measurement trains networks, so it runs in a
 * child JVM ({@code bench --step-time}) with the same thread and memory limits as a trainer; the
 * server itself never loads the engine. One measurement at a time.
 */
@Service
public class StepTimeMeasurements {
    private static final Logger log = LoggerFactory.getLogger(StepTimeMeasurements.class);
    /** A measurement takes a few minutes on one core; past this something is wrong and it is stopped. */
    private static final long LIMIT_MINUTES = 30;
    private final ChildJvm jvm;
    private final ChildBlas blas;
    private final SeqplayProperties.Trainer limits;
    private final Path file;
    private Process running;

    public StepTimeMeasurements(ChildJvm jvm, ChildBlas blas, SeqplayProperties properties) {
        this.jvm = jvm;
        this.blas = blas;
        this.limits = properties.trainer();
        this.file = StepTimeReport.defaultFile(properties.dataDir());
    }

    /** The latest measurement; empty before the first. */
    public Optional<StepTimeReport> latest() throws IOException {
        return StepTimeReport.read(file);
    }

    public synchronized boolean isRunning() {
        return running != null && running.isAlive();
    }

    /** The measurement's own log (its progress lines and any error), next to its JSON. */
    public Path logFile() {
        return file.resolveSibling("step-time.log");
    }

    /**
     * Starts a measurement unless one is running.
     *
     * @param done told the child's exit code when it ends (0: {@link #latest} has the new one)
     * @return false when one was already running
     */
    public synchronized boolean start(IntConsumer done) throws IOException {
        return start(done, List.of());
    }

    /** The same with further {@code bench --step-time} options, e.g. fewer lengths for a quick look. */
    public synchronized boolean start(IntConsumer done, List<String> options) throws IOException {
        if (isRunning()) {
            return false;
        }
        Files.createDirectories(file.getParent());
        List<String> jvmOptions = List.of("-Xmx" + limits.heapMb() + "m", "-XX:+ExitOnOutOfMemoryError",
                "-Dorg.bytedeco.javacpp.maxbytes=" + limits.offHeapMb() + "M"); // as trainers: no physical-bytes check
        List<String> args = new java.util.ArrayList<>(List.of("--step-time", "--out", file.toString()));
        args.addAll(options);
        Process process = jvm.start(ChildJvm.Role.BENCH, jvmOptions, args, builder -> {
            builder.redirectErrorStream(true).redirectOutput(logFile().toFile());
            builder.environment().put("OMP_NUM_THREADS", Integer.toString(limits.ompThreads()));
            blas.applyTo(builder.environment());
        });
        running = process;
        process.onExit().orTimeout(LIMIT_MINUTES, TimeUnit.MINUTES).whenComplete((p, timeout) -> {
            if (timeout != null) {
                log.warn("Step-time measurement ran past {} minutes: stopped", LIMIT_MINUTES);
                process.destroyForcibly();
            }
            done.accept(timeout != null ? -1 : p.exitValue());
        });
        return true;
    }
}
