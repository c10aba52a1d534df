package com.seqplay.run.service;

import com.seqplay.config.QueueProperties;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Which queued run starts next: users take turns. Among the users who have runs waiting and are
 * below {@code seqplay.queue.max-running-per-user}, the one with the fewest runs training goes
 * first, then the one served longest ago; within a user, runs start in the order submitted. A run
 * an administrator moved to the front goes before all of these.
 * With one user this is the old first-in, first-out order.
 */
@Component
class FairQueue {
    /**
     * A queued run as the queue needs it.
     *
     * @param first when an administrator moved it to the front; null for most runs
     */
    record Waiting(long id, String owner, java.time.Instant first) {
        Waiting(long id, String owner) {
            this(id, owner, null);
        }
    }

    private final QueueProperties settings;
    /** For each user, when a run of theirs last started (a counter, not a clock: only the order matters). */
    private final Map<String, Long> lastServed = new ConcurrentHashMap<>();
    private final AtomicLong turn = new AtomicLong();

    FairQueue(QueueProperties settings) {
        this.settings = settings;
    }

    /** The run to start now, if any user may start one. */
    Optional<Waiting> next(List<Waiting> queued, Map<String, Integer> running) {
        return pick(queued, running, lastServed, settings.maxRunningPerUser());
    }

    /** Notes that a run of this user started, so that the others come first next time. */
    void served(String owner) {
        lastServed.put(owner, turn.incrementAndGet());
    }

    /**
     * Every queued run's place and reason, as if slots freed one by one: the order the scheduler
     * would follow, ignoring per-user limits for the order but naming them as the reason.
     */
    Map<Long, QueueSlot> slots(List<Waiting> queued, Map<String, Integer> running, int activeCount, int maxConcurrent) {
        Map<String, Integer> simulatedRunning = new HashMap<>(running);
        Map<String, Long> simulatedServed = new HashMap<>(lastServed);
        List<Waiting> left = new ArrayList<>(queued);
        Map<Long, QueueSlot> out = new LinkedHashMap<>();
        long simulatedTurn = turn.get();
        int position = 0;
        while (!left.isEmpty()) {
            Waiting w = pick(left, simulatedRunning, simulatedServed, 0).orElseThrow();
            left.remove(w);
            position++;
            out.put(w.id(), new QueueSlot(position, reason(w, position, running, activeCount, maxConcurrent)));
            simulatedRunning.merge(w.owner(), 1, Integer::sum);
            simulatedServed.put(w.owner(), ++simulatedTurn);
        }
        return out;
    }

    private String reason(Waiting w, int position, Map<String, Integer> running, int activeCount, int maxConcurrent) {
        int limit = settings.maxRunningPerUser();
        int own = running.getOrDefault(w.owner(), 0);
        if (limit > 0 && own >= limit) {
            return w.owner() + " has " + own + " run" + (own == 1 ? "" : "s") + " training, the most one user may have"
                    + " at once (" + limit + ")";
        }
        if (activeCount >= maxConcurrent) {
            return "a free trainer slot: all " + maxConcurrent + " are in use" + (position > 1 ? "; "
                    + (position - 1) + " run" + (position == 2 ? "" : "s") + " ahead" : "");
        }
        return position > 1 ? (position - 1) + " run" + (position == 2 ? "" : "s") + " ahead" : "its start";
    }

    private static Optional<Waiting> pick(List<Waiting> queued, Map<String, Integer> running, Map<String, Long> served,
            int perUserLimit) {
        // Runs an administrator moved to the front go first (per-user limits still hold).
        Optional<Waiting> moved = queued.stream().filter(w -> w.first() != null)
                .filter(w -> perUserLimit <= 0 || running.getOrDefault(w.owner(), 0) < perUserLimit)
                .min(Comparator.comparing(Waiting::first).thenComparingLong(Waiting::id));
        if (moved.isPresent()) {
            return moved;
        }
        Map<String, Waiting> firstOfEach = new LinkedHashMap<>();
        for (Waiting w : queued) {
            firstOfEach.putIfAbsent(w.owner(), w);
        }
        return firstOfEach.values().stream()
                .filter(w -> perUserLimit <= 0 || running.getOrDefault(w.owner(), 0) < perUserLimit)
                .min(Comparator.<Waiting>comparingInt(w -> running.getOrDefault(w.owner(), 0))
                        .thenComparingLong(w -> served.getOrDefault(w.owner(), 0L))
                        .thenComparingLong(Waiting::id));
    }
}
