package com.seqplay.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
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
        @DefaultValue Trainer trainer) {

    /** @param maxConcurrent how many trainer processes may run at once */
    public record Runs(@DefaultValue("1") int maxConcurrent) {}

    /**
     * Limits of each trainer process. Off-heap memory (ND4J's arrays) is capped separately from
     * the Java heap. One OpenMP thread is the default: with two on a 2-core machine, DL4J trained
     * these small recurrent models 3-10 times slower (many small native operations, measured here).
     */
    public record Trainer(
            @DefaultValue("1024") int heapMb,
            @DefaultValue("2048") int offHeapMb,
            @DefaultValue("1") int ompThreads,
            @DefaultValue("") String javaCommand) {}

    public Path runsDir() {
        return dataDir.resolve("runs");
    }
}
