package com.seqplay.task;

import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.TaskOptions;
import com.seqplay.spec.TaskType;
import java.util.List;
import java.util.Set;

/**
 * Everything the control plane knows about one task: its defaults, its validation, its data
 * (built-in generators and the parser of uploads, the same one the trainer uses), how much of the
 * data is held out, the metric it is judged by and the run-page panels it needs. The trainer side
 * (DL4J) lives in the engine and is found through {@code com.seqplay.engine.TaskEngines}.
 *
 * <p>Adding a task: a package under {@code com.seqplay.task} with its definition and options
 * record, its {@link TaskType} constant, its line in {@link TaskDefinitions}, and its engine.
 */
public interface TaskDefinition {
    TaskType type();

    CommonDefaults commonDefaults();

    /**
     * Fields proposed from the data the specification names, each with its reason; runs before
     * {@link #completeOptions} so that what the data does not decide still gets the fixed defaults.
     * With {@code replace} the fields the data decides are proposed afresh (a dataset was just
     * chosen on the form), otherwise only empty ones are filled. By default nothing is proposed.
     */
    default Proposal propose(RunSpec raw, UploadedData.Lookup uploads, boolean replace) {
        return Proposal.none(raw);
    }

    /** The options with every missing field filled; {@code raw} may be null or partly filled. */
    TaskOptions completeOptions(TaskOptions raw);

    /** Adds a problem for each option out of range; the common fields are checked elsewhere. */
    void validate(RunSpec spec, List<SpecProblem> problems);

    /** The built-in datasets, the first being the default. */
    List<BuiltinDataset> builtins();

    default String defaultDataset() {
        return builtins().get(0).id();
    }

    /** How many recurrent stacks of {@code layers} layers the task's network has (for size estimates). */
    default int recurrentStacks() {
        return 1;
    }

    /** Whether people can upload files for this task. */
    default boolean acceptsUploads() {
        return true;
    }

    /** How many training examples a built-in dataset of this specification yields. */
    long builtinTrainingExamples(RunSpec spec);

    /**
     * Reads an uploaded file with default options; returns a one-line description of it.
     *
     * @throws com.seqplay.dataset.DatasetFormatException naming the file, line and reason
     */
    String describeUpload(String fileName, byte[] content);

    /**
     * Reads an uploaded file with the specification's options, exactly as the trainer will, and
     * returns how many training examples it yields.
     *
     * @throws com.seqplay.dataset.DatasetFormatException naming the file, line and reason
     */
    long uploadTrainingExamples(RunSpec spec, String fileName, byte[] content);

    /** What one training example is, for messages ("sentence pairs", "windows of 48 + 12 points"). */
    String exampleUnit(RunSpec spec);

    MainMetric mainMetric();

    Set<RunPanel> panels();

    /** Named starting points for the New Run form, each making one idea visible. */
    List<Preset> presets();
}
