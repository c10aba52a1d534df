package com.seqplay.run.history;

import com.seqplay.json.Json;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.domain.Sample;
import com.seqplay.run.service.RunService;
import com.seqplay.security.CurrentUser;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A finished run as one zip file, to keep or to move to another Seqplay: {@code spec.json} (the
 * completed specification, trainable with {@code seqplay train}), {@code run.json} (name, notes,
 * tags, status, times, results), {@code metrics.csv} (every point, values written exactly),
 * {@code samples.json} and {@code files/} (the run folder: checkpoint, vocabulary, log).
 * Importing it gives an identical run under a new id.
 */
@Service
public class RunArchive {
    static final String SPEC = "spec.json";
    static final String RUN = "run.json";
    static final String METRICS = "metrics.csv";
    static final String SAMPLES = "samples.json";
    static final String FILES = "files/";
    private static final String CSV_HEADER = "name,step,epoch,value,time";
    /** The project's mapper, indented: the archive's files are meant to be read by people too. */
    private static final ObjectMapper JSON = Json.MAPPER.copy().enable(SerializationFeature.INDENT_OUTPUT);
    private final RunService runs;
    private final RunHistoryService history;
    private final HistoryRepository repository;
    private final CurrentUser currentUser;
    private final Clock clock;

    RunArchive(RunService runs, RunHistoryService history, HistoryRepository repository, CurrentUser currentUser,
            Clock clock) {
        this.runs = runs;
        this.history = history;
        this.repository = repository;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** What {@code run.json} holds: the record of the run beside its specification. */
    record RunRecord(String name, String notes, List<String> tags, String status, Instant createdAt,
            Instant startedAt, Instant finishedAt, String backend, String device, Double progress,
            Map<String, Double> metrics, Map<String, Double> baselines, String error, Double bestMetric) {}

    record SampleRecord(String kind, int epoch, String content, Instant time) {}

    /** A file name for the archive of a run: {@code seqplay-run-31.zip}. */
    public static String fileName(long id) {
        return "seqplay-run-" + id + ".zip";
    }

    /**
     * Writes the archive of a finished run.
     *
     * @throws RunBusyException for a run that is still queued or running
     */
    public void export(long id, OutputStream out) throws IOException {
        Run run = runs.get(id);
        if (!run.status().isFinal()) {
            throw new RunBusyException("Run " + id + " is " + run.status().name().toLowerCase(Locale.ROOT)
                    + "; export it once it has finished.");
        }
        var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        put(zip, SPEC, SpecJson.write(run.spec()).getBytes(StandardCharsets.UTF_8));
        var record = new RunRecord(run.name(), run.notes(), run.tags(), run.status().name(), run.createdAt(),
                run.startedAt(), run.finishedAt(), run.backend(), run.device(), run.progress(), run.metrics(),
                run.baselines(), run.error(), run.bestMetric());
        put(zip, RUN, JSON.writeValueAsBytes(record));
        put(zip, METRICS, csv(runs.metrics(id)).getBytes(StandardCharsets.UTF_8));
        List<SampleRecord> samples = runs.samples(id).stream()
                .map(s -> new SampleRecord(s.kind(), s.epoch(), s.content(), s.time())).toList();
        put(zip, SAMPLES, JSON.writeValueAsBytes(samples));
        Path folder = history.runFolder(id);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    zip.putNextEntry(new ZipEntry(FILES + folder.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, zip);
                    zip.closeEntry();
                }
            }
        }
        zip.finish();
    }

    /**
     * Reads an archive and stores it as a new run, owned by whoever imports it, identical to the
     * exported one in specification, results, metric points, samples and files.
     *
     * @param fileName the upload's name, for messages
     * @throws DatasetFormatException naming the archive, the entry and (for the CSV) the line
     */
    @Transactional
    public Run importArchive(String fileName, InputStream in) throws IOException {
        Map<String, byte[]> entries = read(fileName, in);
        byte[] specBytes = require(entries, fileName, SPEC);
        RunSpec spec;
        try {
            spec = SpecJson.parse(new String(specBytes, StandardCharsets.UTF_8));
        } catch (InvalidSpecException e) {
            throw new DatasetFormatException(fileName, SPEC + ": " + e.getMessage());
        }
        RunRecord record = json(fileName, RUN, require(entries, fileName, RUN), RunRecord.class);
        RunStatus status;
        try {
            status = RunStatus.valueOf(String.valueOf(record.status()));
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException(fileName, RUN + ": '" + record.status() + "' is not a run status");
        }
        if (!status.isFinal()) {
            throw new DatasetFormatException(fileName, RUN + ": the run is " + status + "; only finished runs can be imported");
        }
        List<MetricPoint> points = parseCsv(fileName, new String(require(entries, fileName, METRICS),
                StandardCharsets.UTF_8));
        List<SampleRecord> samples = entries.containsKey(SAMPLES)
                ? JSON.readValue(entries.get(SAMPLES), new TypeReference<List<SampleRecord>>() {}) : List.of();
        List<String> tags = record.tags() == null ? List.of() : new RunEdit(null, null, record.tags()).checked().tags();
        var run = new Run(0, currentUser.username(), record.name(), spec, spec.seed(), status, record.createdAt(),
                record.startedAt(), record.finishedAt(), record.backend(), record.device(), record.progress(),
                record.metrics(), record.baselines(), record.error(), record.notes(), tags, record.bestMetric(), null);
        long id = repository.insertImported(currentUser.username(), run, SpecJson.write(spec), clock.instant());
        repository.insertPoints(id, points);
        repository.insertSamples(id, samples.stream()
                .map(s -> new Sample(s.kind(), s.epoch(), s.content(), s.time())).toList());
        if (!tags.isEmpty()) {
            repository.annotate(id, null, null, tags);
        }
        Path folder = history.runFolder(id);
        for (var e : entries.entrySet()) {
            if (e.getKey().startsWith(FILES) && e.getKey().length() > FILES.length()) {
                Path target = folder.resolve(e.getKey().substring(FILES.length())).normalize();
                if (!target.startsWith(folder)) {
                    throw new DatasetFormatException(fileName, "the entry " + e.getKey() + " points outside the run folder");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, e.getValue());
            }
        }
        return runs.get(id);
    }

    static String csv(Map<String, List<MetricPoint>> series) {
        var out = new StringBuilder(CSV_HEADER).append('\n');
        series.values().forEach(points -> points.forEach(p -> out.append(p.name()).append(',').append(p.step())
                .append(',').append(p.epoch()).append(',').append(Double.toString(p.value())).append(',')
                .append(p.time()).append('\n')));
        return out.toString();
    }

    private static List<MetricPoint> parseCsv(String fileName, String text) {
        String[] lines = text.split("\n");
        if (lines.length == 0 || !lines[0].trim().equals(CSV_HEADER)) {
            throw new DatasetFormatException(fileName + " " + METRICS, 1, "the header must be " + CSV_HEADER);
        }
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            if (f.length != 5) {
                throw new DatasetFormatException(fileName + " " + METRICS, i + 1, "expected 5 fields, found " + f.length);
            }
            try {
                points.add(new MetricPoint(f[0], Long.parseLong(f[1]), Integer.parseInt(f[2]),
                        Double.parseDouble(f[3]), Instant.parse(f[4])));
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new DatasetFormatException(fileName + " " + METRICS, i + 1, "a number or time cannot be read: "
                        + line);
            }
        }
        return points;
    }

    private static Map<String, byte[]> read(String fileName, InputStream in) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (var zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (!entry.isDirectory()) {
                    var buffer = new ByteArrayOutputStream();
                    zip.transferTo(buffer);
                    entries.put(entry.getName(), buffer.toByteArray());
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new DatasetFormatException(fileName, "is not a readable zip archive: " + e.getMessage());
        }
        if (entries.isEmpty()) {
            throw new DatasetFormatException(fileName, "is not a Seqplay run archive (a zip file with " + SPEC + ", "
                    + RUN + " and " + METRICS + ")");
        }
        return entries;
    }

    private static byte[] require(Map<String, byte[]> entries, String fileName, String name) {
        byte[] bytes = entries.get(name);
        if (bytes == null) {
            throw new DatasetFormatException(fileName, "has no " + name + " entry; a run archive holds " + SPEC + ", "
                    + RUN + ", " + METRICS + " and " + SAMPLES);
        }
        return bytes;
    }

    private static <T> T json(String fileName, String entry, byte[] bytes, Class<T> type) {
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new DatasetFormatException(fileName, entry + " cannot be read as JSON");
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
