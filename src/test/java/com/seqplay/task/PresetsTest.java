package com.seqplay.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.SpecJson;
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

    /**
     * The clipping lesson is a controlled experiment: the two presets must differ in clipping and
     * in nothing else (same data, cell, optimiser, learning rate, initialisation, seed, epochs).
     */
    @Test
    void the_exploding_gradient_pair_differs_only_in_clipping() {
        Preset unclipped = preset(TaskType.TEXTGEN, "Exploding gradients (no clipping)");
        Preset clipped = preset(TaskType.TEXTGEN, "Exploding gradients, clipped");
        assertThat(unclipped.spec().clippingMode()).isEqualTo(ClippingMode.NONE);
        assertThat(clipped.spec().clippingMode()).isEqualTo(ClippingMode.GLOBAL_NORM);
        assertThat(withoutClipping(clipped)).isEqualTo(withoutClipping(unclipped));
    }

    private static Preset preset(TaskType task, String name) {
        return Presets.forTask(task).stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no preset named " + name));
    }

    private static ObjectNode withoutClipping(Preset preset) {
        ObjectNode tree = SpecJson.toTree(preset.spec());
        tree.remove("clipping");
        tree.remove("name");
        return tree;
    }
}
