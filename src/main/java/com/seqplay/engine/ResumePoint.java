package com.seqplay.engine;

import com.seqplay.events.ResumeSummary;
import com.seqplay.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's resume point, {@value ResumeSummary#FILE} in its folder: everything a trainer needs to
 * continue after the epoch it was written at, in one zip replaced atomically (written beside the
 * old one, forced to disk, then renamed over it), so a kill at any moment leaves either the old
 * point or the new one, never a mix. It holds:
 *
 * <ul>
 *   <li>{@value ResumeSummary#ENTRY}: the loop's bookkeeping ({@link Progress}), a superset of the
 *       {@link ResumeSummary} the server reads;</li>
 *   <li>the network's parameters and its updater's state (Adam's moments, say) as ND4J arrays, with
 *       DL4J's iteration and epoch counters in the bookkeeping, since learning-rate schedules and
 *       Adam's bias correction depend on them;</li>
 *   <li>{@code task/<name>}: the task's own {@link TaskState}.</li>
 * </ul>
 *
 * The network is restored into the one the trainer built from the specification, so the point holds
 * no configuration of its own and cannot disagree with the run's specification.
 */
public final class ResumePoint {
    public static final String FILE = ResumeSummary.FILE;
    private static final String PARAMS = "network/params.bin";
    private static final String UPDATER = "network/updater.bin";
    private static final String TASK = "task/";

    /**
     * The loop's bookkeeping after epoch {@code epochsDone}.
     *
     * @param bestEpoch the best epoch so far (0: the untrained network, when the task offers it)
     * @param bestLoss its validation loss; null without a best epoch
     * @param bestMetrics its other metrics, which the final scoring reads
     * @param spentNanos wall time spent training so far, counted against the run's time limit
     */
    public record Progress(int epochsDone, long step, boolean trainingDone, List<ResumeSummary.Evaluated> evaluations,
            int bestEpoch, Double bestLoss, Map<String, Double> bestMetrics, long spentNanos, int iterationCount,
            int epochCount) {
        public Progress {
            evaluations = evaluations == null ? List.of() : evaluations.stream()
                    .map(e -> new ResumeSummary.Evaluated(e.epoch(), e.step(), finite(e.metrics()))).toList();
            bestMetrics = finite(bestMetrics);
        }
    }

    /** A point read back: the bookkeeping, the network's arrays and the task's state. */
    public record Loaded(Progress progress, Map<String, byte[]> entries) {
        public TaskState taskState() {
            Map<String, byte[]> task = new LinkedHashMap<>();
            entries.forEach((name, bytes) -> {
                if (name.startsWith(TASK)) {
                    task.put(name.substring(TASK.length()), bytes);
                }
            });
            return new TaskState(task);
        }

        /** Puts the saved parameters, updater state and counters into {@code net}, built from the same specification. */
        public void restoreInto(Model net) throws IOException {
            INDArray params = TaskState.array(required(PARAMS));
            long expected = net.params().length();
            if (params.length() != expected) {
                throw new IllegalStateException("the resume point's network has " + params.length()
                        + " parameters, the run's specification builds one with " + expected);
            }
            net.setParams(params);
            INDArray state = updaterState(net);
            byte[] saved = entries.get(UPDATER);
            if (state != null && saved != null) {
                state.assign(TaskState.array(saved));
            }
            if (net instanceof MultiLayerNetwork mln) {
                mln.setIterationCount(progress.iterationCount());
                mln.setEpochCount(progress.epochCount());
            } else if (net instanceof ComputationGraph graph) {
                graph.getConfiguration().setIterationCount(progress.iterationCount());
                graph.getConfiguration().setEpochCount(progress.epochCount());
            }
        }

        private byte[] required(String name) {
            byte[] bytes = entries.get(name);
            if (bytes == null) {
                throw new IllegalStateException("the resume point holds no " + name);
            }
            return bytes;
        }
    }

    private ResumePoint() {}

    /** Writes the point for {@code runDir}, replacing the previous one atomically. */
    public static void write(Path runDir, Progress progress, Model net, TaskState task) throws IOException {
        Path tmp = runDir.resolve(FILE + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp);
                ZipOutputStream zip = new ZipOutputStream(file)) {
            put(zip, ResumeSummary.ENTRY, Json.MAPPER.writeValueAsBytes(withCounters(progress, net)));
            putStored(zip, PARAMS, TaskState.arrayBytes(net.params()));
            INDArray state = updaterState(net);
            if (state != null) {
                putStored(zip, UPDATER, TaskState.arrayBytes(state));
            }
            for (var entry : task.entries().entrySet()) {
                put(zip, TASK + entry.getKey(), entry.getValue());
            }
        }
        // On disk before the rename: after a power cut the new name must not point at missing data.
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(tmp, runDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads the point of {@code runDir}.
     *
     * @throws NoSuchFileException naming the file when the run has none (it stopped before its first epoch ended)
     */
    public static Loaded read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no resume point: the run stopped before its "
                    + "first epoch ended, or was never started in this folder");
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        }
        byte[] progress = entries.get(ResumeSummary.ENTRY);
        if (progress == null) {
            throw new IOException(file + " holds no " + ResumeSummary.ENTRY);
        }
        return new Loaded(Json.MAPPER.readValue(progress, Progress.class), entries);
    }

    private static Progress withCounters(Progress p, Model net) {
        int iterations = 0;
        int epochs = 0;
        if (net instanceof MultiLayerNetwork mln) {
            iterations = mln.getIterationCount();
            epochs = mln.getEpochCount();
        } else if (net instanceof ComputationGraph graph) {
            iterations = graph.getIterationCount();
            epochs = graph.getEpochCount();
        }
        return new Progress(p.epochsDone(), p.step(), p.trainingDone(), p.evaluations(), p.bestEpoch(), p.bestLoss(),
                p.bestMetrics(), p.spentNanos(), iterations, epochs);
    }

    /** The updater's state view (null for plain SGD, which keeps none). */
    private static INDArray updaterState(Model net) {
        if (net instanceof MultiLayerNetwork mln) {
            return mln.getUpdater(true).getStateViewArray();
        }
        if (net instanceof ComputationGraph graph) {
            return graph.getUpdater(true).getStateViewArray();
        }
        throw new IllegalArgumentException("cannot resume a " + net.getClass().getSimpleName());
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * An entry written as it is, not deflated: trained float parameters and optimiser moments hardly
     * compress (a few per cent), and deflating them was most of the time a resume point took (about
     * 0.1 s an epoch for the translation defaults, counted in the next epoch's training time).
     */
    private static void putStored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static Map<String, Double> finite(Map<String, Double> values) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                if (v != null && Double.isFinite(v)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
