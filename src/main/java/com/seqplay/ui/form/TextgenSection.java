package com.seqplay.ui.form;

import com.seqplay.spec.TaskType;
import com.seqplay.spec.TextgenOptions;

/** Text generation's options on the form: sequence and BPTT lengths, the built-in corpus's reach, sampling. */
public final class TextgenSection extends TaskSection<TextgenSection.Model, TextgenOptions> {
    static final class Model {
        Integer builtinSize;
        Integer reach;
        Integer sequenceLength;
        Integer bpttLength;
        Integer sampleLength;
        Double temperature;
        Integer topK;
    }

    public TextgenSection() {
        super(TextgenOptions.class);
        fields.integer("Sequence length (characters)", "sequenceLength", m -> m.sequenceLength,
                (m, v) -> m.sequenceLength = v);
        fields.integer("Truncated BPTT length", "bpttLength", m -> m.bpttLength, (m, v) -> m.bpttLength = v)
                .helper("Gradients flow back this many characters; equal to the sequence length is full BPTT.");
        fields.integer("Reach of the built-in corpus", "reach", m -> m.reach, (m, v) -> m.reach = v)
                .helper("How far back the generated text makes the model look.")
                .shownWhen(FormState::builtinDataset);
        fields.decimal("Sampling temperature", "temperature", m -> m.temperature, (m, v) -> m.temperature = v)
                .helper("Below 1 the samples are safer, above 1 wilder.");
    }

    @Override
    public TaskType task() {
        return TaskType.TEXTGEN;
    }

    @Override
    protected Model modelOf(TextgenOptions o) {
        var m = new Model();
        m.builtinSize = o.builtinSize();
        m.reach = o.reach();
        m.sequenceLength = o.sequenceLength();
        m.bpttLength = o.bpttLength();
        m.sampleLength = o.sampleLength();
        m.temperature = o.temperature();
        m.topK = o.topK();
        return m;
    }

    @Override
    protected TextgenOptions optionsOf(Model m) {
        return new TextgenOptions(m.builtinSize, m.reach, m.sequenceLength, m.bpttLength, m.sampleLength,
                m.temperature, m.topK);
    }
}
