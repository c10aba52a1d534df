package com.seqplay.spec;

/**
 * The learning problems Seqplay offers; {@link #id()} is the name used in specifications and the
 * API. Each task has its own options record (the hyperparameters that only it has); everything
 * else a task knows lives in its definition (see {@code com.seqplay.task}).
 */
public enum TaskType implements Choice {
    TRANSLATION("translation", "Translation (encoder-decoder)", TranslationOptions.class),
    FORECASTING("forecasting", "Time-series forecasting", ForecastingOptions.class),
    TEXTGEN("textgen", "Text generation", TextgenOptions.class),
    MEMORY("memory", "Memory probe", MemoryOptions.class);

    private final String id;
    private final String label;
    private final Class<? extends TaskOptions> optionsType;

    TaskType(String id, String label, Class<? extends TaskOptions> optionsType) {
        this.id = id;
        this.label = label;
        this.optionsType = optionsType;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    /** The record holding this task's own hyperparameters. */
    public Class<? extends TaskOptions> optionsType() {
        return optionsType;
    }

    public static java.util.Optional<TaskType> fromId(String id) {
        return Choice.fromId(TaskType.class, id);
    }
}
