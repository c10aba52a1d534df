package com.seqplay.run.health;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.events.health.HealthSummary;
import com.seqplay.run.domain.RunFolder;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The training-health flag of a run, as its trainer left it in the run's folder: one small file
 * per run, so that the runs list and the API can show it without reading every metric point.
 * Runs trained before the health listener existed have none.
 */
@Component
public class TrainingHealthFlags {
    private final SeqplayProperties properties;

    public TrainingHealthFlags(SeqplayProperties properties) {
        this.properties = properties;
    }

    public Optional<HealthSummary> of(long runId) {
        return HealthSummary.read(RunFolder.of(properties.runsDir(), runId).path());
    }
}
