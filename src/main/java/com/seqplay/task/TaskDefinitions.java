package com.seqplay.task;

import com.seqplay.spec.TaskType;
import com.seqplay.task.forecasting.ForecastingTask;
import com.seqplay.task.memory.MemoryTask;
import com.seqplay.task.textgen.TextgenTask;
import com.seqplay.task.translation.TranslationTask;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of task definitions: the one place a new task is registered. */
public final class TaskDefinitions {
    private static final List<TaskDefinition> ALL = List.of(
            new TranslationTask(), new ForecastingTask(), new TextgenTask(), new MemoryTask());
    private static final Map<TaskType, TaskDefinition> BY_TYPE = new EnumMap<>(TaskType.class);

    static {
        ALL.forEach(d -> BY_TYPE.put(d.type(), d));
        for (TaskType t : TaskType.values()) {
            if (!BY_TYPE.containsKey(t)) {
                throw new ExceptionInInitializerError("task " + t.id() + " has no definition");
            }
        }
    }

    private TaskDefinitions() {}

    public static TaskDefinition of(TaskType type) {
        return BY_TYPE.get(type);
    }

    public static List<TaskDefinition> all() {
        return ALL;
    }

    /** The built-in dataset with this id, of any task. */
    public static Optional<BuiltinDataset> builtin(String id) {
        return ALL.stream().flatMap(d -> d.builtins().stream()).filter(b -> b.id().equals(id)).findFirst();
    }
}
