package com.seqplay.engine;

import com.seqplay.engine.forecasting.ForecastingTrainer;
import com.seqplay.engine.memory.MemoryTrainer;
import com.seqplay.engine.textgen.TextGenerationTrainer;
import com.seqplay.engine.translation.TranslationTrainer;
import com.seqplay.spec.TaskType;

/**
 * The engine side of each task (the control-plane side is its {@code TaskDefinition}): the one
 * place the engine registers a task's trainer. The switch is exhaustive, so a new task type does
 * not compile until its trainer is registered here.
 */
public final class TaskEngines {
    private TaskEngines() {}

    public static TaskTrainer trainer(TaskType task) {
        return switch (task) {
            case TEXTGEN -> new TextGenerationTrainer();
            case FORECASTING -> new ForecastingTrainer();
            case TRANSLATION -> new TranslationTrainer();
            case MEMORY -> new MemoryTrainer();
        };
    }
}
