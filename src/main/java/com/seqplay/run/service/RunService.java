package com.seqplay.run.service;

import com.seqplay.run.domain.RunFolder;
import com.seqplay.config.QueueProperties;
import com.seqplay.config.SeqplayProperties;
import com.seqplay.upload.service.DatasetService;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.domain.Sample;
import com.seqplay.security.CurrentUser;
import com.seqplay.security.Ownership;
import com.seqplay.spec.RunSpec;
import com.seqplay.task.SpecValidator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Service;

/**
 * What people and scripts can do with runs. The UI and the REST API both come through here, so
 * they cannot drift apart.
 */
@Service
public class RunService {
    /** How long a cancel waits for the trainer's thread to store the final status, after the stop. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(3);
    private final RunRepository runs;
    private final MetricRepository metrics;
    private final SampleRepository samples;
    private final RunScheduler scheduler;
    private final RunRecorder recorder;
    private final DatasetService datasets;
    private final CurrentUser currentUser;
    private final SeqplayProperties properties;
    private final Clock clock;
    private final RunUpdates updates;
    private final RunCaps caps;
    private final Ownership ownership;
    private final QueueProperties queueSettings;
    private final RunResumption resumption;

    RunService(RunRepository runs, MetricRepository metrics, SampleRepository samples, RunScheduler scheduler,
            RunRecorder recorder, DatasetService datasets, CurrentUser currentUser, SeqplayProperties properties,
            Clock clock, RunUpdates updates, RunCaps caps, Ownership ownership, QueueProperties queueSettings,
            RunResumption resumption) {
        this.runs = runs;
        this.metrics = metrics;
        this.samples = samples;
        this.scheduler = scheduler;
        this.recorder = recorder;
        this.datasets = datasets;
        this.currentUser = currentUser;
        this.properties = properties;
        this.clock = clock;
        this.updates = updates;
        this.caps = caps;
        this.ownership = ownership;
        this.queueSettings = queueSettings;
        this.resumption = resumption;
    }

    /**
     * Validates, completes with defaults, stores and queues a run.
     *
     * @throws com.seqplay.spec.InvalidSpecException naming the field, before anything is stored; an
     *     uploaded dataset is read with the run's options here, so a bad file never reaches a trainer
     */
    public Run submit(RunSpec raw) {
        refuseWhileShuttingDown();
        RunSpec spec = SpecValidator.completeAndValidate(raw, datasets::content);
        caps.check(spec);
        datasets.resolve(spec);
        checkQueueRoom();
        // Without a name the run gets one that tells it apart ("textgen gru h128 clip5 #31").
        long id = runs.insert(currentUser.username(), spec, clock.instant());
        recorder.publishRun(id);
        scheduler.wake();
        return get(id);
    }

    /**
     * Puts an INTERRUPTED run back in the queue; its trainer continues from the resume point after
     * its last finished epoch, and its series continue where they stopped.
     *
     * @throws com.seqplay.security.NotPermittedException for anyone but the owner or an administrator
     * @throws RunNotResumableException when it is not INTERRUPTED or has no resume point
     */
    public Run resume(long id) {
        Run run = get(id);
        ownership.requireCanModify(run.owner(), "resume this run");
        refuseWhileShuttingDown();
        checkQueueRoom(run.owner());
        resumption.requeue(run, currentUser.username());
        recorder.publishRun(id);
        scheduler.wake();
        return get(id);
    }

    /** Whether {@link #resume} would accept the run as it is (the UI shows its button then). */
    public boolean canResume(Run run) {
        return run.status() == RunStatus.INTERRUPTED && resumption.point(run.id()).isPresent();
    }

    private void refuseWhileShuttingDown() {
        if (scheduler.isStopping()) {
            throw new ServerShuttingDownException();
        }
    }

    /** Runs training on this server now. */
    public int runningCount() {
        return scheduler.activeCount();
    }

    /**
     * An administrator moves a queued run to the front: it starts next (as soon as its owner is
     * below the per-user limit), before the users' turns.
     *
     * @throws com.seqplay.security.NotPermittedException for anyone but an administrator
     * @throws RunNotQueuedException if the run has started or ended
     */
    public Run moveToFront(long id) {
        Run run = get(id);
        if (!currentUser.isAdmin()) {
            throw new com.seqplay.security.NotPermittedException("Only an administrator can reorder the queue.");
        }
        if (!runs.moveToFront(id, clock.instant())) {
            throw new RunNotQueuedException("Run " + id + " is " + get(id).status() + ", not QUEUED: only a waiting run"
                    + " can be moved.");
        }
        return run;
    }

    /** Where each queued run stands, by run id. */
    public Map<Long, QueueSlot> queue() {
        return scheduler.queueSlots();
    }

    private void checkQueueRoom() {
        checkQueueRoom(currentUser.username());
    }

    /** A resumed run counts against its owner's queue like a new one. */
    private void checkQueueRoom(String owner) {
        int waiting = runs.countQueued(owner);
        if (waiting >= queueSettings.maxQueuedPerUser()) {
            throw new QueueFullException(owner + " already has " + waiting + " runs waiting, the most one user may"
                    + " queue; submit more when some have started.");
        }
    }

    public Run get(long id) {
        return runs.find(id).orElseThrow(() -> new RunNotFoundException(id));
    }

    /** Newest first. */
    public List<Run> list(int offset, int limit) {
        return runs.page(offset, limit);
    }

    public int count() {
        return runs.count();
    }

    public Map<String, List<MetricPoint>> metrics(long id) {
        get(id);
        return metrics.series(id);
    }

    public List<Sample> samples(long id) {
        get(id);
        return samples.list(id);
    }

    /** The end of the trainer's log. */
    public List<String> log(long id, int lines) {
        get(id);
        return LogTail.read(RunFolder.of(properties.runsDir(), id).logFile(), lines);
    }

    /**
     * Cancels a queued or running run; a running one's trainer is stopped within seconds (this
     * call waits for it) and everything recorded so far is kept. A finished run is left as it is.
     */
    public Run cancel(long id) {
        Run run = get(id);
        ownership.requireCanModify(run.owner(), "cancel this run");
        if (run.status() == RunStatus.QUEUED) {
            recorder.finish(id, List.of(RunStatus.QUEUED), RunStatus.CANCELLED, null, "Cancelled before it started");
        } else if (run.status() == RunStatus.RUNNING && !scheduler.cancel(id)) {
            recorder.finish(id, List.of(RunStatus.RUNNING), RunStatus.CANCELLED, null, "Cancelled by request");
        }
        return waitUntilSettled(id);
    }

    /**
     * The run once it has a final status, or as it stands after {@link #SETTLE_TIMEOUT}. Listens
     * before it reads, so a status stored between the two is not missed.
     */
    private Run waitUntilSettled(long id) {
        CompletableFuture<Run> settled = new CompletableFuture<>();
        Runnable unsubscribe = updates.subscribe(id, update -> {
            if (update.run() != null && update.run().status().isFinal()) {
                settled.complete(update.run());
            }
        });
        try {
            Run run = get(id);
            if (run.status().isFinal()) {
                return run;
            }
            return settled.get(SETTLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return get(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return get(id);
        } catch (ExecutionException e) {
            throw new IllegalStateException("only ever completed with a run", e);
        } finally {
            unsubscribe.run();
        }
    }
}
