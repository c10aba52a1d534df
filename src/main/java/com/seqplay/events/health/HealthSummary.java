package com.seqplay.events.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's training-health flag: the worst judgement over its epochs, where it happened and why.
 * The trainer keeps it in the run's folder ({@link #FILE}) beside its checkpoints, so that the
 * runs list and the API read one small file per run instead of every metric point.
 *
 * @param layer the layer that raised the flag; null when healthy or when the whole model's loss did
 * @param reason what was measured, for a person; null when healthy
 */
public record HealthSummary(HealthFlag flag, int epoch, String layer, String reason) {
    public static final String FILE = "health.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public static HealthSummary healthy(int epoch) {
        return new HealthSummary(HealthFlag.HEALTHY, epoch, null, null);
    }

    /** The worse of the two; the earlier one when they are equally bad. */
    public HealthSummary worse(HealthSummary other) {
        return other.flag.ordinal() > flag.ordinal() ? other : this;
    }

    /** One sentence: "exploding gradients in epoch 3, layer 0: update/parameter ratio 0.4 (...)". */
    public String sentence() {
        if (flag == HealthFlag.HEALTHY) {
            return "Healthy: every layer's update/parameter ratio stayed between 1e-5 and 1e-1.";
        }
        String what = Character.toUpperCase(flag.label().charAt(0)) + flag.label().substring(1);
        return layer == null ? String.format(Locale.ROOT, "%s in epoch %d: %s.", what, epoch, reason)
                : String.format(Locale.ROOT, "%s in epoch %d, layer %s: %s.", what, epoch, layer, reason);
    }

    /** Writes the summary into a run folder (a temporary file renamed over the old one). */
    public void write(Path runDir) throws IOException {
        Path tmp = runDir.resolve(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The summary in a run folder; empty when the trainer wrote none (an older run) or it cannot be read. */
    public static Optional<HealthSummary> read(Path runDir) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), HealthSummary.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
