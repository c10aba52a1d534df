package com.seqplay.ui.form;

import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.TaskOptions;
import com.seqplay.spec.TaskType;
import java.util.List;

/**
 * The fields of one task's own options: a mutable model of the task's options record (Binder edits
 * beans), the fields bound to it, and how the model turns back into the record. The model keeps
 * the options the form does not show, so they pass through unchanged.
 *
 * @param <M> the mutable model
 * @param <O> the task's options record
 */
public abstract class TaskSection<M, O extends TaskOptions> {
    protected final FieldSet<M> fields = new FieldSet<>();
    private final Class<O> optionsType;
    private M model;

    protected TaskSection(Class<O> optionsType) {
        this.optionsType = optionsType;
    }

    public abstract TaskType task();

    protected abstract M modelOf(O options);

    protected abstract O optionsOf(M model);

    /** Fills the fields from completed options of this task. */
    public void read(TaskOptions options) {
        model = modelOf(optionsType.cast(options));
        fields.read(model);
    }

    /** Checks and writes the shown fields; one problem per wrong field. */
    public List<SpecProblem> write() {
        return fields.write(model);
    }

    /** Writes the fields that hold valid values into the model, leaving the rest as they were. */
    void draft() {
        fields.binder().writeBeanAsDraft(model);
    }

    /** The options as last written (or read). */
    public O options() {
        return optionsOf(model);
    }

    public List<FormField> fields() {
        return fields.fields();
    }
}
