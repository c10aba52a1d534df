package com.seqplay.spec;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Checks a completed specification before anything is stored or trained. Every problem names its
 * field; all problems are reported at once so that a form can mark each one.
 */
public final class SpecValidator {
    /** What the engine can train today; grows as tasks and cells are added. */
    public static final Set<TaskType> AVAILABLE_TASKS = EnumSet.allOf(TaskType.class);
    public static final Set<CellType> AVAILABLE_CELLS = EnumSet.allOf(CellType.class);
    public static final Set<ClippingMode> AVAILABLE_CLIPPING = EnumSet.allOf(ClippingMode.class);

    public static final List<String> WEIGHT_INITS = List.of("xavier", "he", "lecun", "normal");
    public static final int MAX_LAYERS = 4;
    public static final int MAX_HIDDEN = 2048;
    public static final int MAX_EPOCHS = 1000;
    public static final int MAX_BATCH = 4096;
    public static final int MAX_SEQUENCE = 2000;
    public static final int MAX_BUILTIN_SIZE = 5_000_000;

    private SpecValidator() {}

    /** Validates the raw task field, completes the spec with defaults, then validates the rest. */
    public static RunSpec completeAndValidate(RunSpec raw) {
        if (raw == null) {
            throw new InvalidSpecException("spec", "the body must be a JSON object with at least a task");
        }
        if (raw.task() == null) {
            throw new InvalidSpecException("task", "is required: one of translation, forecasting, textgen");
        }
        TaskType task = TaskType.fromId(raw.task())
                .orElseThrow(() -> new InvalidSpecException(
                        "task", "'" + raw.task() + "' is not a task: use translation, forecasting or textgen"));
        if (!AVAILABLE_TASKS.contains(task)) {
            throw new InvalidSpecException("task", "'" + task.id() + "' is not available in this version yet");
        }
        RunSpec spec = SpecDefaults.complete(raw);
        List<SpecProblem> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return spec;
    }

    static List<SpecProblem> validate(RunSpec s) {
        List<SpecProblem> p = new ArrayList<>();
        var cell = CellType.fromId(s.cell());
        if (cell.isEmpty()) {
            p.add(new SpecProblem("cell", "'" + s.cell() + "' is not a cell: use rnn, lstm or gru"));
        } else if (!AVAILABLE_CELLS.contains(cell.get())) {
            p.add(new SpecProblem("cell", "'" + s.cell() + "' is not available in this version yet"));
        }
        var mode = ClippingMode.fromId(s.clipping().mode());
        if (mode.isEmpty()) {
            p.add(new SpecProblem("clipping.mode", "'" + s.clipping().mode()
                    + "' is not a clipping mode: use none, value, l2-layer, l2-param-type, renorm-layer or global-norm"));
        } else if (!AVAILABLE_CLIPPING.contains(mode.get())) {
            p.add(new SpecProblem("clipping.mode", "'" + s.clipping().mode() + "' is not available in this version yet"));
        } else if (mode.get() != ClippingMode.NONE && mode.get() != ClippingMode.RENORM_LAYER) {
            check(p, "clipping.threshold", s.clipping().threshold(), t -> Double.isFinite(t) && t > 0,
                    "must be a positive number");
        }
        if (s.dataset().isBlank()) {
            p.add(new SpecProblem("dataset", "must name a built-in dataset (builtin:...) or an uploaded dataset id"));
        }
        range(p, "builtinSize", s.builtinSize(), 100, MAX_BUILTIN_SIZE);
        if (s.reach() != null) {
            range(p, "reach", s.reach(), 1, 50);
        }
        range(p, "epochs", s.epochs(), 1, MAX_EPOCHS);
        range(p, "layers", s.layers(), 1, MAX_LAYERS);
        range(p, "hiddenSize", s.hiddenSize(), 1, MAX_HIDDEN);
        range(p, "batchSize", s.batchSize(), 1, MAX_BATCH);
        range(p, "sequenceLength", s.sequenceLength(), 2, MAX_SEQUENCE);
        range(p, "bpttLength", s.bpttLength(), 1, s.sequenceLength());
        range(p, "sampleLength", s.sampleLength(), 1, 10_000);
        range(p, "maxWallSeconds", s.maxWallSeconds(), 1, 7 * 24 * 3600);
        check(p, "dropout", s.dropout(), d -> d >= 0 && d < 1, "must be at least 0 and below 1");
        check(p, "learningRate", s.learningRate(), r -> Double.isFinite(r) && r > 0 && r <= 10,
                "must be a number above 0 and at most 10");
        check(p, "temperature", s.temperature(), t -> Double.isFinite(t) && t > 0 && t <= 10,
                "must be above 0 and at most 10");
        if (!WEIGHT_INITS.contains(s.weightInit())) {
            p.add(new SpecProblem("weightInit", "'" + s.weightInit() + "' is not a weight initialisation: use "
                    + String.join(", ", WEIGHT_INITS)));
        }
        if (!List.of("adam", "rmsprop", "sgd").contains(s.optimizer())) {
            p.add(new SpecProblem("optimizer", "'" + s.optimizer() + "' is not an optimiser: use adam, rmsprop or sgd"));
        }
        check(p, "updateGateBias", s.updateGateBias(), b -> Double.isFinite(b) && Math.abs(b) <= 10,
                "must be between -10 and 10");
        range(p, "patience", s.patience(), 0, MAX_EPOCHS);
        if (s.taskType() == TaskType.TRANSLATION) {
            if (!List.of("char", "word").contains(s.tokens())) {
                p.add(new SpecProblem("tokens", "'" + s.tokens() + "' is not a token kind: use char or word"));
            }
            range(p, "maxVocabulary", s.maxVocabulary(), 4, 100_000);
            range(p, "beamWidth", s.beamWidth(), 1, 50);
        }
        if (s.taskType() == TaskType.FORECASTING) {
            range(p, "window", s.window(), 1, 5000);
            range(p, "horizon", s.horizon(), 1, 1000);
            range(p, "period", s.period(), 0, 5000);
            if (!List.of("refuse", "interpolate").contains(s.missingValues())) {
                p.add(new SpecProblem("missingValues", "use refuse or interpolate"));
            }
        }
        if (s.taskType() == TaskType.TEXTGEN) {
            range(p, "topK", s.topK(), 0, 100_000);
        }
        if (p.isEmpty() && s.dataset().startsWith("builtin:")) {
            checkBatchFitsData(p, s, builtinTrainingExamples(s));
        }
        if (s.faultInjection() != null) {
            if (!List.of("exception", "exit", "oom", "hang", "nan").contains(String.valueOf(s.faultInjection().mode()))) {
                p.add(new SpecProblem("faultInjection.mode", "use exception, exit, oom, hang or nan"));
            }
            range(p, "faultInjection.iteration", s.faultInjection().iteration(), 0, Integer.MAX_VALUE);
        }
        return p;
    }

    /**
     * Training examples a built-in dataset of this size yields: text is cut into sequences from
     * its first 90%, translation trains on 80% of the pairs, forecasting on windows from the first
     * 70% of the series (the rest is held out; see each task's trainer).
     */
    static long builtinTrainingExamples(RunSpec s) {
        return switch (s.taskType()) {
            case TEXTGEN -> ((long) (s.builtinSize() * 0.9) - 1) / s.sequenceLength();
            case TRANSLATION -> (long) (s.builtinSize() * 0.8);
            case FORECASTING -> (long) (s.builtinSize() * 0.7) - s.window() - s.horizon() + 1;
        };
    }

    /** A batch larger than the data would silently train on less than a batch: refuse it instead. */
    public static void checkBatchFitsData(List<SpecProblem> p, RunSpec s, long examples) {
        String unit = switch (s.taskType()) {
            case TEXTGEN -> "sequences of " + s.sequenceLength() + " characters";
            case TRANSLATION -> "sentence pairs";
            case FORECASTING -> "windows of " + s.window() + " + " + s.horizon() + " points";
        };
        if (examples < 1) {
            p.add(new SpecProblem("builtinSize", "the dataset yields no training " + unit + "; make it larger"));
        } else if (s.batchSize() > examples) {
            p.add(new SpecProblem("batchSize", s.batchSize() + " is more than the " + examples + " training " + unit
                    + " in this dataset"));
        }
    }

    private static void range(List<SpecProblem> p, String field, Integer v, int min, int max) {
        if (v == null || v < min || v > max) {
            p.add(new SpecProblem(field, "must be between " + min + " and " + max + (v == null ? "" : ", not " + v)));
        }
    }

    private static void check(List<SpecProblem> p, String field, Double v, Predicate<Double> ok, String message) {
        if (v == null || !ok.test(v)) {
            p.add(new SpecProblem(field, message + (v == null ? "" : ", not " + v)));
        }
    }
}
