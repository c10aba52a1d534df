package com.seqplay.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Everything needed to reproduce a training run. Fields left out take the task's defaults
 * ({@link SpecDefaults}); the stored specification is always the completed one, so a run can be
 * repeated exactly from its record or with {@code seqplay train SPEC.json}.
 *
 * @param builtinSize size of a generated built-in dataset (characters for text, pairs for
 *     translation, points for series)
 * @param reach how far back a built-in text corpus makes the model look (agreement: words
 *     between subject and verb; brackets: maximum depth)
 * @param sequenceLength length of one training sequence (text generation: characters)
 * @param bpttLength truncated backpropagation-through-time length; equal to the sequence length
 *     means full BPTT
 * @param maxWallSeconds training stops after this many seconds and the run keeps its best result
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSpec(
        String name,
        String task,
        String cell,
        Clipping clipping,
        String dataset,
        Integer builtinSize,
        Integer reach,
        Long seed,
        Integer epochs,
        Integer layers,
        Integer hiddenSize,
        Double dropout,
        String optimizer,
        Double learningRate,
        Integer batchSize,
        Integer sequenceLength,
        Integer bpttLength,
        Boolean attention,
        Integer sampleLength,
        Double temperature,
        Integer maxWallSeconds,
        FaultInjection faultInjection) {

    public TaskType taskType() {
        return TaskType.fromId(task).orElseThrow(() -> new IllegalStateException("unvalidated task " + task));
    }

    public CellType cellType() {
        return CellType.fromId(cell).orElseThrow(() -> new IllegalStateException("unvalidated cell " + cell));
    }

    public ClippingMode clippingMode() {
        return ClippingMode.fromId(clipping.mode())
                .orElseThrow(() -> new IllegalStateException("unvalidated clipping " + clipping.mode()));
    }
}
