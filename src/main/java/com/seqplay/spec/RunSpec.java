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
 * @param weightInit initial weights: {@code xavier}, {@code he}, {@code lecun} or {@code normal}
 * @param attention translation: the decoder attends over all encoder outputs
 * @param bidirectional translation: the encoder reads the source both ways
 * @param tokens translation: {@code char} or {@code word}
 * @param maxVocabulary translation: most frequent tokens kept per side; the rest become unknown
 * @param beamWidth translation: 1 is greedy decoding
 * @param window forecasting: look-back window in points
 * @param horizon forecasting: points predicted at once
 * @param period forecasting: season length for the seasonal-naive baseline; 0 means detect it
 * @param valueColumn forecasting, uploaded CSV: the column to forecast (name or 1-based index)
 * @param dateColumn forecasting, uploaded CSV: an optional date column
 * @param missingValues forecasting, uploaded CSV: {@code refuse} or {@code interpolate}
 * @param updateGateBias GRU: initial bias of the update gate (positive keeps early gradients alive)
 * @param patience early stopping: epochs without a better validation loss before stopping; 0 is off
 * @param topK text generation sampling: only the k likeliest characters; 0 is all
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
        String weightInit,
        Integer batchSize,
        Integer sequenceLength,
        Integer bpttLength,
        Boolean attention,
        Boolean bidirectional,
        String tokens,
        Integer maxVocabulary,
        Integer beamWidth,
        Integer window,
        Integer horizon,
        Integer period,
        String valueColumn,
        String dateColumn,
        String missingValues,
        Double updateGateBias,
        Integer patience,
        Integer sampleLength,
        Double temperature,
        Integer topK,
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
