package com.seqplay.config;


import com.seqplay.blas.BlasChoice;
import com.seqplay.blas.NativeBlas;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The application's own settings ({@code seqplay.*}); the README lists them.
 *
 * @param dataDir the one folder holding all state: database, uploads, run folders
 * @param mode {@code local} (one person, localhost, no login) or {@code lab}
 */
@ConfigurationProperties("seqplay")
public record SeqplayProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("local") String mode,
        @DefaultValue Runs runs,
        @DefaultValue Trainer trainer,
        @DefaultValue Launch launch,
        @DefaultValue Inference inference) {

    /** @param maxConcurrent how many trainer processes may run at once */
    public record Runs(@DefaultValue("1") int maxConcurrent) {}

    /**
     * Limits of each trainer process. Off-heap memory (ND4J's arrays) is capped separately from
     * the Java heap. One OpenMP thread is the default: with two on a 2-core machine, DL4J trained
     * these small recurrent models 3-10 times slower (many small native operations, measured here).
     * The BLAS settings apply to every child that computes (trainers, the inference worker, the
     * step-time measurement); {@link NativeBlas} has the rule.
     *
     * @param blas which OpenBLAS children run on: {@code bundled} (ND4J's 0.3.19), {@code system}
     *     (the operating system's, bundled if there is none) or {@code auto} (the system's when it
     *     is 0.3.21 or newer, measured 10-15% faster here for the recurrent cells)
     * @param blasLibrary the system OpenBLAS file to use instead of looking at Debian's usual places
     */
    public record Trainer(
            @DefaultValue("1024") int heapMb,
            @DefaultValue("2048") int offHeapMb,
            @DefaultValue("1") int ompThreads,
            @DefaultValue("") String javaCommand,
            @DefaultValue("auto") BlasChoice blas,
            Path blasLibrary) {

        @ConstructorBinding
        public Trainer {}

        /** Limits with the default BLAS choice (auto, Debian's places). */
        public Trainer(int heapMb, int offHeapMb, int ompThreads, String javaCommand) {
            this(heapMb, offHeapMb, ompThreads, javaCommand, BlasChoice.AUTO, null);
        }
    }

    /**
     * @param fastStart start child JVMs (trainers, the inference worker) from an unpacked copy of
     *     the jar with a class-data archive (kept under {@code <data-dir>/cache}); off: {@code -jar}
     */
    public record Launch(@DefaultValue("true") boolean fastStart) {}

    /**
     * The inference worker: a child process that answers predictions, so that the server never
     * loads the native libraries. It starts on the first prediction and stops when unused.
     *
     * @param timeout the longest one prediction may take; the worker is then restarted
     * @param idleTimeout how long an unused worker stays
     */
    public record Inference(
            @DefaultValue("512") int heapMb,
            @DefaultValue("1024") int offHeapMb,
            @DefaultValue("30s") Duration timeout,
            @DefaultValue("10m") Duration idleTimeout) {}

    public Path runsDir() {
        return dataDir.resolve("runs");
    }
}
