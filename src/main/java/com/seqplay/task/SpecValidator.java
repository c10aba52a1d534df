package com.seqplay.task;

import com.seqplay.spec.CellType;
import com.seqplay.spec.Clipping;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.Optimizer;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.WeightInit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Completes a specification with its task's defaults and checks it before anything is stored or
 * trained. Every problem names its field; all problems are reported at once so that a form can
 * mark each one.
 */
public final class SpecValidator {
    public static final int MAX_LAYERS = 4;
    public static final int MAX_HIDDEN = 2048;
    public static final int MAX_EPOCHS = 1000;
    public static final int MAX_BATCH = 4096;
    public static final int MAX_WALL_SECONDS = 7 * 24 * 3600;
    /** Longest run name: the length of the database column {@code runs.name} (V1 migration). */
    public static final int MAX_NAME_LENGTH = 200;

    private SpecValidator() {}

    /** Completes the spec with its task's defaults, then validates it. */
    public static RunSpec completeAndValidate(RunSpec raw) {
        return completeAndValidate(raw, UploadedData.Lookup.NONE);
    }

    /** Completes the spec with what its data suggests and its task's defaults, then validates it. */
    public static RunSpec completeAndValidate(RunSpec raw, UploadedData.Lookup uploads) {
        if (raw == null || raw.task() == null) {
            throw new InvalidSpecException("task", "is required");
        }
        RunSpec spec = complete(raw, uploads);
        List<SpecProblem> problems = validate(spec);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return spec;
    }

    /** Returns the spec with every missing field filled with its task's default. */
    public static RunSpec complete(RunSpec s) {
        return complete(s, UploadedData.Lookup.NONE);
    }

    /**
     * Returns the spec with every missing field filled: first what its data suggests (an upload is
     * found through {@code uploads}), then the task's fixed defaults.
     */
    public static RunSpec complete(RunSpec raw, UploadedData.Lookup uploads) {
        TaskDefinition task = TaskDefinitions.of(raw.task());
        RunSpec s = task.propose(raw, uploads, false).spec();
        CommonDefaults d = task.commonDefaults();
        return new RunSpec(
                s.name(),
                s.task(),
                or(s.cell(), CellType.LSTM),
                clipping(s.clipping()),
                or(s.dataset(), task.defaultDataset()),
                or(s.seed(), 42L),
                or(s.epochs(), d.epochs()),
                or(s.layers(), d.layers()),
                or(s.hiddenSize(), d.hiddenSize()),
                or(s.dropout(), 0.0),
                or(s.optimizer(), Optimizer.ADAM),
                or(s.learningRate(), 0.005),
                or(s.weightInit(), WeightInit.XAVIER),
                or(s.batchSize(), d.batchSize()),
                or(s.updateGateBias(), 1.0),
                or(s.patience(), 0),
                or(s.maxWallSeconds(), 3600),
                s.faultInjection(),
                task.completeOptions(s.options()));
    }

    /**
     * Proposes afresh the fields the chosen data decides (the form calls this when a dataset is
     * chosen), then completes the rest; the reasons say why each proposed value.
     */
    public static Proposal proposeFromData(RunSpec raw, UploadedData.Lookup uploads) {
        Proposal p = TaskDefinitions.of(raw.task()).propose(raw, uploads, true);
        return new Proposal(complete(p.spec(), uploads), p.reasons());
    }

    /** Global-norm clipping at 5 unless told otherwise; a threshold for every mode that clips at one. */
    private static Clipping clipping(Clipping c) {
        if (c == null) {
            return new Clipping(ClippingMode.GLOBAL_NORM, ClippingMode.GLOBAL_NORM.defaultThreshold());
        }
        ClippingMode mode = or(c.mode(), ClippingMode.GLOBAL_NORM);
        if (!mode.usesThreshold()) {
            return new Clipping(mode, null);
        }
        return new Clipping(mode, or(c.threshold(), mode.defaultThreshold()));
    }

    static List<SpecProblem> validate(RunSpec s) {
        List<SpecProblem> p = new ArrayList<>();
        if (s.name() != null && s.name().length() > MAX_NAME_LENGTH) {
            p.add(new SpecProblem("name", "must be at most " + MAX_NAME_LENGTH + " characters, not " + s.name().length()));
        }
        if (s.clipping().mode().usesThreshold()) {
            check(p, "clipping.threshold", s.clipping().threshold(), t -> Double.isFinite(t) && t > 0,
                    "must be a positive number");
        }
        if (s.dataset().isBlank()) {
            p.add(new SpecProblem("dataset", "must name a built-in dataset (builtin:...) or an uploaded dataset id"));
        }
        range(p, "epochs", s.epochs(), 1, MAX_EPOCHS);
        range(p, "layers", s.layers(), 1, MAX_LAYERS);
        range(p, "hiddenSize", s.hiddenSize(), 1, MAX_HIDDEN);
        range(p, "batchSize", s.batchSize(), 1, MAX_BATCH);
        range(p, "maxWallSeconds", s.maxWallSeconds(), 1, MAX_WALL_SECONDS);
        check(p, "dropout", s.dropout(), d -> d >= 0 && d < 1, "must be at least 0 and below 1");
        check(p, "learningRate", s.learningRate(), r -> Double.isFinite(r) && r > 0 && r <= 10,
                "must be a number above 0 and at most 10");
        check(p, "updateGateBias", s.updateGateBias(), b -> Double.isFinite(b) && Math.abs(b) <= 10,
                "must be between -10 and 10");
        range(p, "patience", s.patience(), 0, MAX_EPOCHS);
        if (s.faultInjection() != null) {
            if (s.faultInjection().mode() == null) {
                p.add(new SpecProblem("faultInjection.mode", "is required"));
            }
            range(p, "faultInjection.iteration", s.faultInjection().iteration(), 0, Integer.MAX_VALUE);
        }
        TaskDefinition task = TaskDefinitions.of(s.task());
        task.validate(s, p);
        if (p.isEmpty() && s.dataset().startsWith(BuiltinDataset.PREFIX)) {
            if (task.builtins().stream().noneMatch(b -> b.id().equals(s.dataset()))) {
                p.add(new SpecProblem("dataset", "'" + s.dataset() + "' is not a built-in dataset for " + s.task().id()
                        + "; there are " + task.builtins().stream().map(BuiltinDataset::id).toList()));
            } else {
                checkBatchFitsData(p, s, task.builtinTrainingExamples(s));
            }
        }
        return p;
    }

    /** A batch larger than the data would silently train on less than a batch: refuse it instead. */
    public static void checkBatchFitsData(List<SpecProblem> p, RunSpec s, long examples) {
        String unit = TaskDefinitions.of(s.task()).exampleUnit(s);
        String sizeField = s.dataset().startsWith(BuiltinDataset.PREFIX) ? "builtinSize" : "dataset";
        if (examples < 1) {
            p.add(new SpecProblem(sizeField, "the dataset yields no training " + unit + "; it needs more data"));
        } else if (s.batchSize() > examples) {
            p.add(new SpecProblem("batchSize", s.batchSize() + " is more than the " + examples + " training " + unit
                    + " in this dataset"));
        }
    }

    public static void range(List<SpecProblem> p, String field, Integer v, int min, int max) {
        if (v == null || v < min || v > max) {
            p.add(new SpecProblem(field, "must be between " + min + " and " + max + (v == null ? "" : ", not " + v)));
        }
    }

    public static void check(List<SpecProblem> p, String field, Double v, Predicate<Double> ok, String message) {
        if (v == null || !ok.test(v)) {
            p.add(new SpecProblem(field, message + (v == null ? "" : ", not " + v)));
        }
    }

    public static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
