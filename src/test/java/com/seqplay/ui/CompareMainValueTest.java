package com.seqplay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.TaskType;
import com.seqplay.task.SpecValidator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The comparison's main-metric row shows the value the run's verdict judges, not the best validation value. */
class CompareMainValueTest {

    private static Run run(TaskType task, RunStatus status, Map<String, Double> metrics, Double best) {
        return new Run(1, "local", "r", SpecValidator.complete(RunSpec.of(task)), 1, status, Instant.EPOCH,
                Instant.EPOCH, null, null, null, 1.0, metrics, Map.of(), null, null, List.of(), best, null);
    }

    @Test
    void a_memory_run_shows_its_test_accuracy_not_its_best_validation_accuracy() {
        Run memory = run(TaskType.MEMORY, RunStatus.SUCCEEDED, Map.of("accuracy", 0.71, "val_accuracy", 0.93), 0.93);
        assertThat(CompareView.mainValue(memory)).isEqualTo(0.71);
    }

    @Test
    void a_run_still_training_shows_its_best_so_far_and_a_thorough_evaluation_wins_where_there_is_one() {
        assertThat(CompareView.mainValue(run(TaskType.TEXTGEN, RunStatus.RUNNING, null, 2.1))).isEqualTo(2.1);
        Run forecast = run(TaskType.FORECASTING, RunStatus.SUCCEEDED, Map.of("mase", 0.9, "backtest_mase", 1.1), 0.8);
        assertThat(CompareView.mainValue(forecast)).as("the backtest, as the verdict uses it").isEqualTo(1.1);
    }
}
