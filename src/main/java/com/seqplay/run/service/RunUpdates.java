package com.seqplay.run.service;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * In-process publish and subscribe for run changes. Subscribers are called on the thread that
 * stored the change, so they must hand work off quickly (the UI uses {@code UI.access}).
 */
@Component
public class RunUpdates {
    private static final Logger log = LoggerFactory.getLogger(RunUpdates.class);
    private final Map<Long, Set<Consumer<RunUpdate>>> byRun = new ConcurrentHashMap<>();
    private final Set<Consumer<RunUpdate>> all = new CopyOnWriteArraySet<>();

    /** Returns an action that unsubscribes. */
    public Runnable subscribe(long runId, Consumer<RunUpdate> listener) {
        byRun.computeIfAbsent(runId, k -> new CopyOnWriteArraySet<>()).add(listener);
        return () -> byRun.computeIfPresent(runId, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    public Runnable subscribeAll(Consumer<RunUpdate> listener) {
        all.add(listener);
        return () -> all.remove(listener);
    }

    void publish(RunUpdate update) {
        for (var l : byRun.getOrDefault(update.runId(), Set.of())) {
            deliver(l, update);
        }
        for (var l : all) {
            deliver(l, update);
        }
    }

    private static void deliver(Consumer<RunUpdate> listener, RunUpdate update) {
        try {
            listener.accept(update);
        } catch (RuntimeException e) {
            // A closed browser tab must not stop a run from being recorded.
            log.debug("run update listener failed", e);
        }
    }
}
