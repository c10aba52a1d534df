package com.seqplay.run.history;

import com.seqplay.run.domain.MetricPoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Reads the series of several runs for a comparison with as few rows as it can: a run that
 * finished a while ago has its series packed in one row each ({@code series_packs}), written the
 * first time they are read; a run still training (or just finished, when a killed trainer's last
 * lines may still arrive) is read from its metric points. Either way each series comes back
 * thinned with its extremes kept ({@link MinMaxDownsampling}).
 */
@Component
class SeriesReader {
    /** How long after its end a run's points are taken as complete. */
    static final Duration SETTLED = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(SeriesReader.class);
    private final HistoryRepository history;
    private final Clock clock;

    SeriesReader(HistoryRepository history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    /**
     * Each run's named series, thinned to at most {@code points}; runs are in the order given, and
     * a run without any of the series is left out, as is a series a run does not have.
     */
    Map<Long, Map<String, List<MetricPoint>>> read(Set<Long> runIds, Set<String> names, int points) {
        Set<Long> settled = history.settledRuns(runIds, clock.instant().minus(SETTLED));
        Map<Long, Map<String, List<MetricPoint>>> packed = history.packs(settled, names);
        Set<Long> unpackedRuns = new LinkedHashSet<>();
        Set<String> unpackedNames = new LinkedHashSet<>();
        for (long run : runIds) {
            for (String name : names) {
                if (!packed.getOrDefault(run, Map.of()).containsKey(name)) {
                    unpackedRuns.add(run);
                    unpackedNames.add(name);
                }
            }
        }
        var raw = history.series(unpackedRuns, unpackedNames);
        Map<Long, Map<String, List<MetricPoint>>> out = new LinkedHashMap<>();
        List<HistoryRepository.Pack> toStore = new ArrayList<>();
        for (long run : runIds) {
            for (String name : names) {
                List<MetricPoint> series = packed.getOrDefault(run, Map.of()).get(name);
                if (series == null) {
                    // thinned once to the most a request may ask for: what a pack keeps
                    series = MinMaxDownsampling.apply(raw.getOrDefault(run, Map.of()).getOrDefault(name, List.of()),
                            RunHistoryService.MAX_POINTS);
                    if (settled.contains(run)) {
                        toStore.add(new HistoryRepository.Pack(run, name, series));
                    }
                }
                if (!series.isEmpty()) {
                    out.computeIfAbsent(run, k -> new LinkedHashMap<>()).put(name, MinMaxDownsampling.apply(series, points));
                }
            }
        }
        store(toStore);
        return out;
    }

    /** A pack is only a shortcut: failing to write one (a run was deleted meanwhile) costs nothing but time. */
    private void store(List<HistoryRepository.Pack> packs) {
        try {
            history.storePacks(packs);
        } catch (DataAccessException e) {
            log.debug("series of runs not packed", e);
        }
    }
}
