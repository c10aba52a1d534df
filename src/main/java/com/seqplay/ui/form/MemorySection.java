package com.seqplay.ui.form;

import com.seqplay.spec.MemoryOptions;
import com.seqplay.spec.TaskType;

/** The memory probe's options on the form: the gap L, the alphabet, how many sequences and symbols. */
public final class MemorySection extends TaskSection<MemorySection.Model, MemoryOptions> {
    static final class Model {
        Integer distractors;
        Integer alphabet;
        Integer sequences;
        Integer symbols;
    }

    public MemorySection() {
        super(MemoryOptions.class);
        fields.integer("Distractors (L)", "distractors", m -> m.distractors, (m, v) -> m.distractors = v)
                .helper("Filler steps between the symbols and the question: the gap to remember across.");
        fields.integer("Alphabet size", "alphabet", m -> m.alphabet, (m, v) -> m.alphabet = v)
                .helper("Different first symbols; chance is one over this.");
        fields.integer("Sequences", "sequences", m -> m.sequences, (m, v) -> m.sequences = v)
                .helper("Generated, then split into training, validation and test.");
        fields.integer("Symbols before the distractors", "symbols", m -> m.symbols, (m, v) -> m.symbols = v)
                .helper("The first of them is asked for.");
    }

    @Override
    public TaskType task() {
        return TaskType.MEMORY;
    }

    @Override
    protected Model modelOf(MemoryOptions o) {
        var m = new Model();
        m.distractors = o.distractors();
        m.alphabet = o.alphabet();
        m.sequences = o.sequences();
        m.symbols = o.symbols();
        return m;
    }

    @Override
    protected MemoryOptions optionsOf(Model m) {
        return new MemoryOptions(m.distractors, m.alphabet, m.sequences, m.symbols);
    }
}
