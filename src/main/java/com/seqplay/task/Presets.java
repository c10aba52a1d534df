package com.seqplay.task;

import com.seqplay.spec.SpecJson;
import com.seqplay.spec.TaskType;
import java.util.List;

/**
 * Named starting points offered by the New Run form. Each one fills every field and is chosen to
 * make one idea visible (long-range memory, the bottleneck, attention, clipping...); each task's
 * definition lists its own.
 */
public final class Presets {
    private Presets() {}

    public static List<Preset> forTask(TaskType task) {
        return TaskDefinitions.of(task).presets();
    }

    /** A preset from a partial specification in JSON, completed with its task's defaults. */
    public static Preset of(String name, String teaches, String json) {
        return new Preset(name, teaches, SpecValidator.complete(SpecJson.parse(json)));
    }
}
