package com.seqplay.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long finished runs and uploads are kept ({@code seqplay.retention.*}). Everything is kept
 * forever by default: deleting history is a decision for whoever runs the server, not a default.
 *
 * @param runsAfter finished runs (any final state) are deleted this long after they ended; zero keeps them
 * @param keepTag a run with this tag is never deleted by retention
 * @param uploadsAfter uploads are deleted this long after they were made, unless a queued or
 *     training run still uses them; zero keeps them. Runs that trained on an upload keep their
 *     own link to its file, so they stay whole.
 * @param checkEvery how often the job looks
 */
@ConfigurationProperties("seqplay.retention")
public record RetentionProperties(@DefaultValue("0s") Duration runsAfter, @DefaultValue("keep") String keepTag,
        @DefaultValue("0s") Duration uploadsAfter, @DefaultValue("1h") Duration checkEvery) {

    public boolean enabled() {
        return !runsAfter.isZero() || !uploadsAfter.isZero();
    }
}
