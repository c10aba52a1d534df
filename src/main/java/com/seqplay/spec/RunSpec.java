package com.seqplay.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Everything needed to reproduce a training run: the fields every task has, plus the task's own
 * {@link TaskOptions}. Fields left out take the task's defaults (its definition completes them);
 * the stored specification is always the completed one, so a run can be repeated exactly from its
 * record or with {@code seqplay train SPEC.json}. {@link SpecJson} reads and writes it as one flat
 * JSON object.
 *
 * @param updateGateBias GRU: initial bias of the update gate (positive keeps early gradients alive)
 * @param patience early stopping: epochs without a better validation loss before stopping; 0 is off
 * @param maxWallSeconds training stops after this many seconds and the run keeps its best result
 * @param faultInjection tests only: make the trainer fail on purpose
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSpec(
        String name,
        TaskType task,
        CellType cell,
        Clipping clipping,
        String dataset,
        Long seed,
        Integer epochs,
        Integer layers,
        Integer hiddenSize,
        Double dropout,
        Optimizer optimizer,
        Double learningRate,
        WeightInit weightInit,
        Integer batchSize,
        Double updateGateBias,
        Integer patience,
        Integer maxWallSeconds,
        FaultInjection faultInjection,
        @JsonIgnore TaskOptions options) {

    /** A specification that names only its task: its definition turns it into the task's defaults. */
    public static RunSpec of(TaskType task) {
        return new RunSpec(null, task, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    @JsonIgnore
    public ClippingMode clippingMode() {
        return clipping.mode();
    }

    /** The text generation options; fails for a run of another task. */
    public TextgenOptions textgen() {
        return options(TextgenOptions.class);
    }

    public TranslationOptions translation() {
        return options(TranslationOptions.class);
    }

    public ForecastingOptions forecasting() {
        return options(ForecastingOptions.class);
    }

    public MemoryOptions memory() {
        return options(MemoryOptions.class);
    }

    private <T extends TaskOptions> T options(Class<T> type) {
        if (!type.isInstance(options)) {
            throw new IllegalStateException("a " + task.id() + " run has no " + type.getSimpleName());
        }
        return type.cast(options);
    }

    public RunSpec withName(String newName) {
        return new RunSpec(newName, task, cell, clipping, dataset, seed, epochs, layers, hiddenSize, dropout, optimizer,
                learningRate, weightInit, batchSize, updateGateBias, patience, maxWallSeconds, faultInjection, options);
    }

    public RunSpec withOptions(TaskOptions newOptions) {
        return new RunSpec(name, task, cell, clipping, dataset, seed, epochs, layers, hiddenSize, dropout, optimizer,
                learningRate, weightInit, batchSize, updateGateBias, patience, maxWallSeconds, faultInjection,
                newOptions);
    }

    public RunSpec withCell(CellType newCell) {
        return new RunSpec(name, task, newCell, clipping, dataset, seed, epochs, layers, hiddenSize, dropout, optimizer,
                learningRate, weightInit, batchSize, updateGateBias, patience, maxWallSeconds, faultInjection, options);
    }

    public RunSpec withSeed(long newSeed) {
        return new RunSpec(name, task, cell, clipping, dataset, newSeed, epochs, layers, hiddenSize, dropout, optimizer,
                learningRate, weightInit, batchSize, updateGateBias, patience, maxWallSeconds, faultInjection, options);
    }
}
