package com.seqplay.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits that keep one person (or one script gone wrong) from taking a shared server down
 * ({@code seqplay.limits.*}; the README lists them).
 *
 * @param jsonBody the largest JSON request body; a specification is a few KB
 * @param maxParameters the largest estimated number of weights a run may train
 * @param maxEpochs the most epochs a run may ask for
 * @param maxWallTime the longest training time a run may ask for ({@code maxWallSeconds})
 * @param uploadQuota the most upload storage one user may hold, all files together
 * @param stallTimeout a running trainer that writes nothing for this long is stopped as stalled
 * @param wallTimeMargin a trainer still running this long after its own wall-time limit is stopped
 * @param trainerMemory the most resident memory a local trainer may hold before it is stopped; 0: its
 *     heap and off-heap limits ({@code seqplay.trainer.*}) plus 512 MB
 */
@ConfigurationProperties("seqplay.limits")
public record LimitProperties(
        @DefaultValue("1MB") DataSize jsonBody,
        @DefaultValue("20000000") long maxParameters,
        @DefaultValue("1000") int maxEpochs,
        @DefaultValue("24h") Duration maxWallTime,
        @DefaultValue("1GB") DataSize uploadQuota,
        @DefaultValue("5m") Duration stallTimeout,
        @DefaultValue("2m") Duration wallTimeMargin,
        @DefaultValue("0") DataSize trainerMemory) {

    /** The defaults, for code and tests built without Spring's binding. */
    public static LimitProperties defaults() {
        return new LimitProperties(DataSize.ofMegabytes(1), 20_000_000, 1000, Duration.ofHours(24),
                DataSize.ofGigabytes(1), Duration.ofMinutes(5), Duration.ofMinutes(2), DataSize.ofBytes(0));
    }
}
