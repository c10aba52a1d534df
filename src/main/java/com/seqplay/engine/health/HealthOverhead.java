package com.seqplay.engine.health;

import com.seqplay.engine.bench.TrainingBenchmark;
import com.seqplay.spec.CellType;
import java.util.List;
import java.util.Locale;

/**
 * What the training-health listener costs: the reference training benchmark with the listener
 * attached (its events discarded). Besides the speed, it reports the time spent inside the
 * listener per iteration, which a busy machine disturbs far less than the speed comparison.
 */
public final class HealthOverhead {
    private HealthOverhead() {}

    /**
     * One line: the benchmark's, then {@code health_every=<k>}, and for k > 0
     * {@code health_ms_per_iteration=<ms>} (listener time over all iterations, warm-up included)
     * and {@code ms_per_iteration=<ms>} (the timed iterations).
     *
     * @param every measure one iteration in this many; 0 measures without the listener
     */
    public static String measure(CellType cell, TrainingBenchmark.Config config, int threads, int every) {
        if (every == 0) {
            var result = TrainingBenchmark.measure(cell, config, threads);
            return result.line() + String.format(Locale.ROOT, " health_every=0 ms_per_iteration=%.1f",
                    result.msPerIteration());
        }
        var watch = new TrainingHealthWatch(event -> { }, () -> 1, null, every);
        var result = TrainingBenchmark.measure(cell, config, threads, List.of(watch));
        return result.line() + String.format(Locale.ROOT, " health_every=%d health_ms_per_iteration=%.2f ms_per_iteration=%.1f",
                every, watch.measuringMillis() / watch.iterations(), result.msPerIteration());
    }
}
