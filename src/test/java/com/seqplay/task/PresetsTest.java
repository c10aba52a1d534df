package com.seqplay.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.spec.TaskType;
import org.junit.jupiter.api.Test;

class PresetsTest {
    @Test
    void every_preset_of_an_available_task_is_a_valid_complete_specification() {
        for (TaskType task : TaskType.values()) {
            assertThat(Presets.forTask(task)).as(task.id()).isNotEmpty();
            for (Preset p : Presets.forTask(task)) {
                assertThat(SpecValidator.completeAndValidate(p.spec())).as(p.name()).isEqualTo(p.spec());
                assertThat(p.spec().task()).isEqualTo(task);
            }
        }
    }
}
