package com.seqplay.ui.form;

import com.seqplay.spec.TaskType;
import com.seqplay.spec.TokenKind;
import com.seqplay.spec.TranslationOptions;

/** Translation's options on the form: attention, a bidirectional encoder, beam width and tokens. */
public final class TranslationSection extends TaskSection<TranslationSection.Model, TranslationOptions> {
    static final class Model {
        Integer builtinSize;
        Boolean attention;
        Boolean bidirectional;
        TokenKind tokens;
        Integer maxVocabulary;
        Integer beamWidth;
    }

    public TranslationSection() {
        super(TranslationOptions.class);
        fields.checkbox("Attention", "attention", m -> m.attention, (m, v) -> m.attention = v);
        fields.checkbox("Bidirectional encoder", "bidirectional", m -> m.bidirectional, (m, v) -> m.bidirectional = v);
        fields.integer("Beam width", "beamWidth", m -> m.beamWidth, (m, v) -> m.beamWidth = v)
                .helper("1 is greedy decoding.");
        fields.choice("Tokens", "tokens", TokenKind.class, m -> m.tokens, (m, v) -> m.tokens = v);
    }

    @Override
    public TaskType task() {
        return TaskType.TRANSLATION;
    }

    @Override
    protected Model modelOf(TranslationOptions o) {
        var m = new Model();
        m.builtinSize = o.builtinSize();
        m.attention = o.attention();
        m.bidirectional = o.bidirectional();
        m.tokens = o.tokens();
        m.maxVocabulary = o.maxVocabulary();
        m.beamWidth = o.beamWidth();
        return m;
    }

    @Override
    protected TranslationOptions optionsOf(Model m) {
        return new TranslationOptions(m.builtinSize, m.attention, m.bidirectional, m.tokens, m.maxVocabulary,
                m.beamWidth);
    }
}
