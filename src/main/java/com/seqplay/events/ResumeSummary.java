package com.seqplay.events;

import com.seqplay.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a run's resume point says about how far training got, readable without the engine: the
 * trainer writes it into {@value #FILE} (the engine's {@code ResumePoint}) and the server reads it
 * to decide whether a run can be resumed and which recorded points the resumed trainer will repeat.
 *
 * @param epochsDone epochs fitted and evaluated; a resumed trainer starts with the next one
 * @param step iterations done over those epochs: the step of the last evaluation's points
 * @param trainingDone no further epoch will train (last epoch, early stop or time limit): a
 *     resumed trainer goes straight to the final scoring
 * @param evaluations every finished epoch's metrics as reported ({@code val_loss} first), so that
 *     the server can put back the points it lost in a crash: a trainer runs ahead of the server by
 *     whatever the pipe between them holds (tens of kilobytes, several small epochs), and those
 *     events are gone when the server is killed, while the resume point already counts their epochs
 */
public record ResumeSummary(int epochsDone, long step, boolean trainingDone, List<Evaluated> evaluations) {
    /** The resume point's file in the run folder: one zip, replaced atomically. */
    public static final String FILE = "resume.zip";
    /** The zip entry holding the summary (and the engine's bookkeeping) as JSON. */
    public static final String ENTRY = "progress.json";

    public ResumeSummary {
        evaluations = evaluations == null ? List.of() : List.copyOf(evaluations);
    }

    /** One epoch's evaluation points: reported at {@code step}, the iterations done by its end. */
    public record Evaluated(int epoch, long step, Map<String, Double> metrics) {
        public Evaluated {
            metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
        }
    }

    /** The summary of the resume point in {@code runDir}; empty when there is none. */
    public static Optional<ResumeSummary> read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(ENTRY);
            if (entry == null) {
                throw new IOException(file + " has no " + ENTRY);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Optional.of(Json.MAPPER.readValue(in, ResumeSummary.class));
            }
        }
    }
}
