package com.seqplay.run.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.spec.RunSpec;
import com.seqplay.spec.TaskType;
import com.seqplay.task.SpecValidator;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunVerdictTest {
    private static Run run(RunStatus status) {
        return new Run(1, "local", "r", SpecValidator.complete(RunSpec.of(TaskType.FORECASTING)), 42, status,
                Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, null, null, 1.0, Map.of("mase", 0.7),
                Map.of("seasonal_naive_mase", 1.04, "naive_mase", 2.9), null);
    }

    @Test
    void a_succeeded_run_has_a_verdict_on_its_tasks_main_metric() {
        var verdict = run(RunStatus.SUCCEEDED).verdict().orElseThrow();
        assertThat(verdict.beat()).isTrue();
        assertThat(verdict.baseline()).isEqualTo("seasonal_naive_mase");
        assertThat(verdict.sentence()).isEqualTo("Beat the seasonal-naive forecast: mase 0.700 vs 1.040.");
    }

    @Test
    void a_run_that_did_not_finish_well_has_none() {
        assertThat(run(RunStatus.DIVERGED).verdict()).isEmpty();
        assertThat(run(RunStatus.CANCELLED).verdict()).isEmpty();
        assertThat(run(RunStatus.INTERRUPTED).verdict()).isEmpty();
    }
}
