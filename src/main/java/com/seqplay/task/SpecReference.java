package com.seqplay.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.TaskType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The specification's fields in words, with the defaults each task's definition gives them,
 * rendered as the README's tables. A test keeps the README equal to this rendering, so the
 * documented defaults cannot drift from the code again.
 */
public final class SpecReference {
    private static final Map<String, String> MEANING = new LinkedHashMap<>();

    static {
        MEANING.put("name", "a name for the run; without one it is named after its task, cell and dataset");
        MEANING.put("task", "`translation`, `forecasting`, `textgen` or `memory` (required)");
        MEANING.put("cell", "`rnn`, `lstm` or `gru` (the project's own GRU layer)");
        MEANING.put("clipping", "`{\"mode\": ..., \"threshold\": ...}`; modes `none`, `value`, `l2-layer`, "
                + "`l2-param-type`, `renorm-layer` (DL4J's per-layer gradient normalisation) and `global-norm` "
                + "(one L2 norm over all parameters, as PyTorch's `clip_grad_norm_`); a threshold for the modes that "
                + "clip at one (default 1 for `value`, 5 otherwise)");
        MEANING.put("dataset", "a built-in dataset of the task (`builtin:...`) or an upload (`upload:<n>`)");
        MEANING.put("seed", "seeds data generation, initialisation and shuffling");
        MEANING.put("epochs", "passes over the training data (1-1000); forecasting, left out: enough for about 500 updates on the data");
        MEANING.put("layers", "recurrent layers (1-4)");
        MEANING.put("hiddenSize", "units per recurrent layer (1-2048); forecasting, left out: 32 below 400 training windows, else 64");
        MEANING.put("dropout", "dropout on each recurrent layer's input (0 to below 1)");
        MEANING.put("optimizer", "`adam`, `rmsprop` or `sgd` (Nesterov momentum 0.9)");
        MEANING.put("learningRate", "step size (above 0, at most 10)");
        MEANING.put("weightInit", "`xavier`, `he`, `lecun` or `normal`");
        MEANING.put("batchSize", "examples per minibatch; refused when larger than the training data; forecasting, left out: a quarter of "
                + "the training windows, at most 64");
        MEANING.put("updateGateBias", "GRU: initial update-gate bias; positive keeps the old state at first, so "
                + "early gradients do not vanish");
        MEANING.put("patience", "early stopping: epochs without a better validation loss (0: off); forecasting, left out: a fifth of "
                + "the epochs when there are more than 20");
        MEANING.put("maxWallSeconds", "training stops after this long and keeps its best checkpoint");
        MEANING.put("faultInjection", "`{\"mode\": \"exception\"/\"exit\"/\"oom\"/\"hang\"/\"nan\", "
                + "\"iteration\": n}`: fail on purpose, to see how a crash is recorded");
        MEANING.put("builtinSize", "size of the generated built-in dataset (pairs, points or characters)");
        MEANING.put("reach", "words between subject and verb (`agreement`), or bracket depth (`brackets`)");
        MEANING.put("sequenceLength", "characters in one training sequence");
        MEANING.put("bpttLength", "truncated backpropagation-through-time length (equal to the sequence: full BPTT)");
        MEANING.put("sampleLength", "characters generated for each epoch's sample");
        MEANING.put("temperature", "sampling temperature (below 1 sharper, above 1 flatter)");
        MEANING.put("topK", "sample only among the k likeliest characters (0: all)");
        MEANING.put("attention", "the decoder attends over every encoder output instead of one summary vector");
        MEANING.put("bidirectional", "the encoder reads the source both ways");
        MEANING.put("tokens", "`char` or `word`");
        MEANING.put("maxVocabulary", "most frequent tokens kept per side; the rest become `<unk>`");
        MEANING.put("beamWidth", "beam search width when translating (1: greedy)");
        MEANING.put("window", "look-back window in points; left out, proposed from the data (two seasons where they "
                + "fit)");
        MEANING.put("horizon", "points forecast at once; left out, proposed from the data (a season, at most 12)");
        MEANING.put("period", "season length, for the seasonal-naive baseline and the model's targets; left out, it is "
                + "detected from the data when the run is submitted (0: detected at training time)");
        MEANING.put("backtests", "rolling-origin backtest: the model is trained afresh at each of the last n horizons "
                + "and scored there, reported as mean and spread (0: off; left out, 4 for a series of at most 500 "
                + "values)");
        MEANING.put("valueColumn", "uploads: the column to forecast, by header name or 1-based index (none: the "
                + "last numeric column)");
        MEANING.put("dateColumn", "uploads: an optional date column, by name or 1-based index");
        MEANING.put("missingValues", "uploads: `refuse` a file with gaps, or `interpolate` them linearly");
        MEANING.put("seriesColumn", "uploads in long format: the column naming each row's series (by header name or "
                + "1-based index); one model learns from every series, each scaled on its own, and the result has "
                + "each series' MASE beside its baselines");
        MEANING.put("valueColumns", "uploads in wide format: a list of columns that are each a series (names or 1-based "
                + "indices), or `[\"*\"]` for every numeric column but the date; not with `seriesColumn` or `valueColumn`");
        MEANING.put("ensemble", "networks trained with seeds `seed`, `seed`+1, ... whose forecasts are averaged (1-10); "
                + "each costs a training");
        MEANING.put("distractors", "L: filler steps between the symbols and the question");
        MEANING.put("alphabet", "how many different symbols can come first (chance is one over it)");
        MEANING.put("sequences", "sequences generated (80% training, 10% validation, 10% test)");
        MEANING.put("symbols", "symbols shown before the distractors; the first one is asked for");
    }

    private SpecReference() {}

    /** What a field means, for help texts; empty for an unknown field. */
    public static String meaning(String field) {
        return MEANING.getOrDefault(field, "");
    }

    /** The README's tables: the common fields, then each task's own fields, each with its default. */
    public static String markdown() {
        var out = new StringBuilder();
        out.append("Fields every task has (defaults per task where they differ):\n\n");
        out.append("| field | ");
        for (TaskType t : TaskType.values()) {
            out.append(t.id()).append(" | ");
        }
        out.append("meaning |\n|---|");
        out.append("---|".repeat(TaskType.values().length)).append("---|\n");
        for (String field : SpecJson.commonFields()) {
            out.append("| `").append(field).append("` | ");
            for (TaskType t : TaskType.values()) {
                out.append(defaultOf(t, field)).append(" | ");
            }
            out.append(meaning(field)).append(" |\n");
        }
        for (TaskType t : TaskType.values()) {
            Set<String> fields = SpecJson.optionFields(t);
            out.append("\nFields of `").append(t.id()).append("` runs only:\n\n| field | default | meaning |\n|---|---|---|\n");
            for (String field : fields) {
                out.append("| `").append(field).append("` | ").append(defaultOf(t, field)).append(" | ")
                        .append(meaning(field)).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String defaultOf(TaskType task, String field) {
        if (field.equals("task")) {
            return "`" + task.id() + "`";
        }
        if (field.equals("name")) {
            return "from task, cell, dataset";
        }
        RunSpec completed = SpecValidator.complete(RunSpec.of(task));
        JsonNode value = SpecJson.toTree(completed).get(field);
        if (value == null || value.isNull()) {
            return "none";
        }
        if (field.equals("clipping")) {
            ClippingMode mode = completed.clipping().mode();
            return "`" + mode.id() + "` " + (mode.usesThreshold() ? value.path("threshold").asText() : "");
        }
        return value.isTextual() ? "`" + value.asText() + "`" : value.toString();
    }
}
