package com.seqplay.upload.service;

import com.seqplay.config.LimitProperties;
import com.seqplay.config.SeqplayProperties;
import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.upload.UploadedDataset;
import com.seqplay.task.BuiltinDataset;
import com.seqplay.spec.SpecProblem;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.TaskDefinition;
import com.seqplay.task.TaskDefinitions;
import com.seqplay.task.UploadedData;
import com.seqplay.spec.Choice;
import java.util.ArrayList;
import com.seqplay.security.CurrentUser;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.TaskType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Uploads: a file is parsed for its task before anything is kept, so a malformed file is refused
 * with its line and reason and leaves no trace.
 */
@Service
public class DatasetService {
    private static final String FILE = "data";
    private final DatasetRepository repository;
    private final CurrentUser currentUser;
    private final SeqplayProperties properties;
    private final LimitProperties limits;
    private final Clock clock;

    private final com.seqplay.security.Ownership ownership;

    DatasetService(DatasetRepository repository, CurrentUser currentUser, SeqplayProperties properties,
            LimitProperties limits, Clock clock, com.seqplay.security.Ownership ownership) {
        this.ownership = ownership;
        this.limits = limits;
        this.repository = repository;
        this.currentUser = currentUser;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws DatasetFormatException naming the file, line and reason
     * @throws InvalidSpecException for an unknown task
     */
    public UploadedDataset upload(String task, String fileName, byte[] content) {
        TaskType type = TaskType.fromId(task == null ? "" : task).orElseThrow(() -> new InvalidSpecException("task",
                "must be " + Choice.idsOf(TaskType.class) + ", not '" + task + "'"));
        TaskDefinition definition = TaskDefinitions.of(type);
        if (!definition.acceptsUploads()) {
            throw new InvalidSpecException("task", type.id() + " generates its own data; it takes no uploads");
        }
        String name = safeName(fileName);
        String summary = definition.describeUpload(name, content);
        checkQuota(currentUser.username(), content.length);
        long id = repository.insert(currentUser.username(), type.id(), name, content.length, summary, clock.instant());
        try {
            Path dir = dir(id);
            Files.createDirectories(dir);
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            repository.delete(id);
            throw new UncheckedIOException("the upload could not be stored: " + e.getMessage(), e);
        }
        return repository.find(id).orElseThrow();
    }

    /**
     * Serialised so that two uploads of one user cannot both pass the check; the sum is read from
     * the database, so it holds across restarts.
     */
    private synchronized void checkQuota(String owner, long size) {
        long held = repository.totalSize(owner);
        long quota = limits.uploadQuota().toBytes();
        if (held + size > quota) {
            throw new StorageQuotaExceededException("This upload of " + megabytes(size) + " would bring your uploads to "
                    + megabytes(held + size) + "; your storage quota is " + megabytes(quota) + ".");
        }
    }

    private static String megabytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** Upload storage per user, for the administrator (the quota applies to these sums). */
    public java.util.Map<String, Long> storageByOwner() {
        if (!currentUser.isAdmin()) {
            throw new com.seqplay.security.NotPermittedException("Only an administrator can see everyone's storage.");
        }
        return repository.totalsByOwner();
    }

    public List<UploadedDataset> list() {
        return repository.list();
    }

    public Optional<UploadedDataset> find(String ref) {
        if (ref == null || !ref.startsWith(UploadedDataset.PREFIX)) {
            return Optional.empty();
        }
        try {
            return repository.find(Long.parseLong(ref.substring(UploadedDataset.PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The name and bytes of an uploaded dataset, by reference: the data that defaults are proposed from. */
    public Optional<UploadedData> content(String ref) {
        return find(ref).flatMap(d -> {
            try {
                return Optional.of(new UploadedData(d.fileName(), Files.readAllBytes(file(d))));
            } catch (IOException e) {
                return Optional.empty(); // resolve() reports the unreadable file
            }
        });
    }

    /**
     * Removes an uploaded dataset: its record and its file. Runs that trained on it keep their own
     * hard link to the file, so their results, checkpoints and predictions stay whole; a run that
     * is still waiting or training would lose its data, so the upload is refused while one uses it.
     *
     * @throws DatasetNotFoundException if there is no such upload
     * @throws DatasetInUseException if an unfinished run uses it
     * @throws com.seqplay.security.NotPermittedException unless the caller owns it or is an administrator
     */
    public void delete(long id) {
        UploadedDataset upload = repository.find(id).orElseThrow(() -> new DatasetNotFoundException(id));
        ownership.requireCanModify(upload.owner(), "delete this dataset");
        remove(upload);
    }

    /** {@link #delete} without the ownership check, for the retention job, which acts for the server. */
    public void deleteExpired(UploadedDataset upload) {
        remove(upload);
    }

    private synchronized void remove(UploadedDataset upload) {
        List<Long> users = repository.unfinishedRunsUsing(upload.ref());
        if (!users.isEmpty()) {
            throw new DatasetInUseException(upload.ref() + " is used by run" + (users.size() == 1 ? " " : "s ")
                    + users.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                    + ", which " + (users.size() == 1 ? "has" : "have") + " not finished; delete it when they have.");
        }
        repository.delete(upload.id());
        try {
            Path dir = dir(upload.id());
            Files.deleteIfExists(dir.resolve(FILE));
            Files.deleteIfExists(dir.resolve(FILE + ".tmp"));
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // the record is gone, so the upload is gone for users; a leftover file is only disk
            org.slf4j.LoggerFactory.getLogger(DatasetService.class).warn("could not remove the file of {}: {}",
                    upload.ref(), e.getMessage());
        }
    }

    /** Uploads created before the cut-off, oldest first (the retention job's candidates). */
    public List<UploadedDataset> createdBefore(java.time.Instant cutoff) {
        return repository.createdBefore(cutoff);
    }

    /** The file of an uploaded dataset. */
    public Path file(UploadedDataset dataset) {
        return dir(dataset.id()).resolve(FILE);
    }

    /**
     * Checks that a specification's dataset exists for its task and, for an upload, that the
     * file reads with the run's options. Returns the file to train on, if it is an upload.
     *
     * @throws InvalidSpecException naming {@code dataset} (or the column field) and the reason
     */
    public Optional<Path> resolve(RunSpec spec) {
        TaskDefinition definition = TaskDefinitions.of(spec.task());
        if (spec.dataset().startsWith(BuiltinDataset.PREFIX)) {
            // the validator has checked the id against the task's built-in datasets
            return Optional.empty();
        }
        UploadedDataset upload = find(spec.dataset()).orElseThrow(() -> new InvalidSpecException("dataset",
                "'" + spec.dataset() + "' is neither a built-in dataset (builtin:...) nor an uploaded one (upload:<id>)"));
        if (!upload.task().equals(spec.task().id())) {
            throw new InvalidSpecException("dataset", upload.ref() + " was uploaded for " + upload.task() + ", not "
                    + spec.task().id());
        }
        Path file = file(upload);
        long examples;
        try {
            examples = definition.uploadTrainingExamples(spec, upload.fileName(), Files.readAllBytes(file));
        } catch (DatasetFormatException e) {
            boolean column = e.getMessage().contains("column") && spec.options() instanceof com.seqplay.spec.ForecastingOptions f
                    && f.valueColumn() != null;
            throw new InvalidSpecException(column ? "valueColumn" : "dataset", e.getMessage());
        } catch (IOException e) {
            throw new InvalidSpecException("dataset", "the file of " + upload.ref() + " cannot be read: " + e.getMessage());
        }
        List<SpecProblem> problems = new ArrayList<>();
        SpecValidator.checkBatchFitsData(problems, spec, examples);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return Optional.of(file);
    }

    private Path dir(long id) {
        return properties.dataDir().resolve("datasets").resolve(Long.toString(id));
    }

    /** Keeps only the last path element and tame characters: the name is shown, never used as a path. */
    private static String safeName(String fileName) {
        Path last = fileName == null || fileName.isBlank() ? null : Path.of(fileName.replace('\\', '/')).getFileName();
        String base = last == null ? "upload" : last.toString();
        String clean = base.replaceAll("[^A-Za-z0-9._ -]", "_");
        return clean.isBlank() ? "upload" : clean.substring(0, Math.min(clean.length(), 200));
    }
}
