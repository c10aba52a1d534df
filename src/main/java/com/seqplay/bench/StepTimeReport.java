package com.seqplay.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One measurement of time per training step against sequence length, for each recurrent cell and
 * a self-attention model: written by {@code bench --step-time --out} (a child process) and drawn
 * by the server's "why attention" page, which never loads the engine. Plain data and its file.
 *
 * @param batch sequences per training step
 * @param size hidden size of the recurrent cells, model width of the attention model
 * @param inputs one-hot input width (vocabulary)
 */
public record StepTimeReport(Instant measuredAt, String backend, String device, int batch, int size, int inputs,
        List<Point> points) {

    /**
     * One model at one length.
     *
     * @param msPerStep wall time of one training step (the fastest of several) (forward and backward pass and update)
     * @param sequentialSteps how many steps of the computation must wait for the one before: the
     *     length for a recurrent cell, 1 for self-attention, which reads all positions at once
     */
    public record Point(String model, long parameters, int length, double msPerStep, int sequentialSteps) {}

    /** Where the server keeps the latest measurement, under its data folder. */
    public static Path defaultFile(Path dataDir) {
        return dataDir.resolve("bench").resolve("step-time.json");
    }

    private static ObjectMapper json() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** Writes the report (a temporary file renamed over the old one: a reader never sees half). */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        json().writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), this);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The report in a file; empty when there is none yet. */
    public static Optional<StepTimeReport> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(json().readValue(file.toFile(), StepTimeReport.class));
    }
}
