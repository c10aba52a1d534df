package com.seqplay.run.history;

import com.seqplay.security.Ownership;
import com.seqplay.config.SeqplayProperties;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.Sample;
import com.seqplay.run.service.RunService;
import com.seqplay.spec.InvalidSpecException;
import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * Looking after a long history of runs: finding them, annotating them, deleting them (rows and
 * folder) and reading the series of many at once for a comparison. Runs themselves are still
 * submitted, read and cancelled through {@link RunService}.
 */
@Service
public class RunHistoryService {
    /** The most runs one comparison may hold. */
    public static final int MAX_COMPARED = 50;
    public static final int MAX_SERIES_NAMES = 20;
    public static final int MAX_POINTS = 10_000;
    private final HistoryRepository history;
    private final SeriesReader seriesReader;
    private final RunService runs;
    private final SeqplayProperties properties;
    /** Only a run's owner or an administrator edits or deletes it (lab mode; everyone is admin alone). */
    private final Ownership ownership;

    RunHistoryService(HistoryRepository history, SeriesReader seriesReader, RunService runs,
            SeqplayProperties properties, Ownership ownership) {
        this.history = history;
        this.seriesReader = seriesReader;
        this.runs = runs;
        this.properties = properties;
        this.ownership = ownership;
    }

    /** Runs stored before the history columns existed get them filled once, at start-up. */
    @PostConstruct
    void backfill() {
        history.backfillColumns();
    }

    public RunPage search(RunQuery query) {
        return history.search(query, ZoneId.systemDefault());
    }

    /**
     * Changes name, notes and tags.
     *
     * @throws InvalidSpecException naming the field that is wrong
     */
    public Run annotate(long id, RunEdit edit) {
        ownership.requireCanModify(runs.get(id).owner(), "edit this run");
        RunEdit checked = edit.checked();
        history.annotate(id, checked.name(), checked.notes(), checked.tags());
        return runs.get(id);
    }

    /**
     * Removes a run with its metric points, samples and folder (checkpoint, log). A queued or
     * running run is cancelled first, since asking to delete it says its result is not wanted.
     *
     * @throws RunBusyException if its trainer could not be stopped in time
     */
    public void delete(long id) {
        Run run = runs.get(id);
        ownership.requireCanModify(run.owner(), "delete this run");
        if (!run.status().isFinal()) {
            run = runs.cancel(id);
            if (!run.status().isFinal()) {
                throw new RunBusyException("Run " + id + " is still stopping; try deleting it again in a moment.");
            }
        }
        history.delete(id);
        deleteFolder(runFolder(id));
    }

    /**
     * Removes a finished run for the retention job, which acts for the server rather than for a
     * user, so there is no ownership check; an unfinished run is left alone.
     *
     * @return whether the run was removed
     */
    public boolean deleteExpired(long id) {
        Run run = runs.get(id);
        if (!run.status().isFinal()) {
            return false;
        }
        history.delete(id);
        deleteFolder(runFolder(id));
        return true;
    }

    /** A run's folder: its specification, log, checkpoint and vocabulary. */
    public Path runFolder(long id) {
        return properties.runsDir().resolve(Long.toString(id));
    }

    /**
     * The named series of several runs in one read, each thinned to at most {@code points} points
     * in a way that keeps every spike ({@link MinMaxDownsampling}). Runs that do not exist are
     * left out; a run without one of the series simply lacks it.
     *
     * @throws InvalidSpecException naming {@code runs}, {@code names} or {@code points}
     */
    public Map<Long, Map<String, List<MetricPoint>>> series(List<Long> runIds, List<String> names, int points) {
        if (runIds.isEmpty() || runIds.size() > MAX_COMPARED) {
            throw new InvalidSpecException("runs", "name between 1 and " + MAX_COMPARED + " runs, not " + runIds.size());
        }
        if (names.isEmpty() || names.size() > MAX_SERIES_NAMES) {
            throw new InvalidSpecException("names", "name between 1 and " + MAX_SERIES_NAMES + " series, not "
                    + names.size());
        }
        if (points < 10 || points > MAX_POINTS) {
            throw new InvalidSpecException("points", "must be between 10 and " + MAX_POINTS + ", not " + points);
        }
        return seriesReader.read(new LinkedHashSet<>(runIds), new LinkedHashSet<>(names), points);
    }

    /**
     * Each run's samples of the given kinds from its latest epoch that has one (one query), for
     * putting runs side by side ({@link SideBySide}).
     */
    public Map<Long, List<Sample>> latestSamples(List<Long> runIds, Set<String> kinds) {
        if (runIds.size() > MAX_COMPARED) {
            throw new InvalidSpecException("runs", "name at most " + MAX_COMPARED + " runs, not " + runIds.size());
        }
        return history.latestSamples(new LinkedHashSet<>(runIds), kinds);
    }

    /** The series names any of these runs has. */
    public List<String> seriesNames(List<Long> runIds) {
        return history.seriesNames(runIds);
    }

    /** The runs that exist among these ids, in the order given (one query; a run deleted since the link was made is left out). */
    public List<Run> existing(List<Long> ids) {
        return history.runs(new LinkedHashSet<>(ids));
    }

    private static void deleteFolder(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove the run folder " + dir, e);
        }
    }
}
