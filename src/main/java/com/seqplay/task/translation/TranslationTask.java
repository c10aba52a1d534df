package com.seqplay.task.translation;

import static com.seqplay.task.SpecValidator.or;
import static com.seqplay.task.SpecValidator.range;

import com.seqplay.dataset.PairFileParser;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.TaskOptions;
import com.seqplay.spec.TaskType;
import com.seqplay.spec.TokenKind;
import com.seqplay.spec.TranslationOptions;
import com.seqplay.task.BuiltinDataset;
import com.seqplay.task.CommonDefaults;
import com.seqplay.task.MainMetric;
import com.seqplay.task.Preset;
import com.seqplay.task.Presets;
import com.seqplay.task.Proposal;
import com.seqplay.task.UploadedData;
import com.seqplay.task.RunPanel;
import com.seqplay.task.TaskDefinition;
import java.util.List;
import java.util.Set;

/**
 * Translation with an encoder-decoder. Defaults: dates, characters, attention, 128 LSTM units,
 * Adam 0.005, batch 64, 5,000 pairs reach about 96% exact match on the validation pairs after 4
 * epochs and 99-100% after 5-6, hence 6 epochs.
 */
public final class TranslationTask implements TaskDefinition {
    /** Share of the pairs held out for validation, and the same share again for the test. */
    public static final double HELD_OUT_FRACTION = 0.1;

    @Override
    public TaskType type() {
        return TaskType.TRANSLATION;
    }

    /** An encoder and a decoder, each {@code layers} deep. */
    @Override
    public int recurrentStacks() {
        return 2;
    }

    @Override
    public CommonDefaults commonDefaults() {
        return new CommonDefaults(6, 1, 128, 64);
    }

    /**
     * For an uploaded file, the fields its pairs decide ({@link TranslationDefaults}): token kind,
     * vocabulary, batch, hidden size and budget. The built-in datasets keep the fixed defaults,
     * which were tuned on them. A file that cannot be read proposes nothing: validation then says
     * what is wrong with it.
     */
    @Override
    public Proposal propose(RunSpec raw, UploadedData.Lookup uploads, boolean replace) {
        String dataset = raw.dataset();
        if (dataset == null || dataset.startsWith(BuiltinDataset.PREFIX)) {
            return Proposal.none(raw);
        }
        var file = uploads.find(dataset);
        if (file.isEmpty()) {
            return Proposal.none(raw);
        }
        List<com.seqplay.dataset.SentencePair> pairs;
        try {
            pairs = new PairFileParser().parse(file.get().fileName(), file.get().content());
        } catch (com.seqplay.dataset.DatasetFormatException e) {
            return Proposal.none(raw);
        }
        var given = raw.options() instanceof TranslationOptions t ? t
                : new TranslationOptions(null, null, null, null, null, null);
        var values = TranslationDefaults.propose(pairs, replace ? TranslationDefaults.Given.NOTHING
                : new TranslationDefaults.Given(given.tokens(), given.maxVocabulary(), raw.batchSize(), raw.hiddenSize(),
                        raw.epochs(), raw.patience()));
        var options = new TranslationOptions(given.builtinSize(), given.attention(), given.bidirectional(), values.tokens(),
                values.maxVocabulary(), given.beamWidth());
        RunSpec spec = new RunSpec(raw.name(), raw.task(), raw.cell(), raw.clipping(), raw.dataset(), raw.seed(),
                values.epochs(), raw.layers(), values.hiddenSize(), raw.dropout(), raw.optimizer(), raw.learningRate(),
                raw.weightInit(), values.batchSize(), raw.updateGateBias(), values.patience(), raw.maxWallSeconds(),
                raw.faultInjection(), options);
        return new Proposal(spec, values.reasons());
    }

    @Override
    public TaskOptions completeOptions(TaskOptions raw) {
        var o = raw instanceof TranslationOptions t ? t : new TranslationOptions(null, null, null, null, null, null);
        return new TranslationOptions(or(o.builtinSize(), 5_000), or(o.attention(), true), or(o.bidirectional(), false),
                or(o.tokens(), TokenKind.CHAR), or(o.maxVocabulary(), 5_000), or(o.beamWidth(), 1));
    }

    @Override
    public void validate(RunSpec spec, List<SpecProblem> p) {
        TranslationOptions o = spec.translation();
        range(p, "builtinSize", o.builtinSize(), 100, 5_000_000);
        range(p, "maxVocabulary", o.maxVocabulary(), 4, 100_000);
        range(p, "beamWidth", o.beamWidth(), 1, 50);
    }

    @Override
    public List<BuiltinDataset> builtins() {
        return List.of(
                new BuiltinDataset("builtin:dates",
                        "Dates as people write them (\"3rd of march 2021\", \"03/03/21\") to ISO 8601 (2021-03-03)"),
                new BuiltinDataset("builtin:numbers",
                        "Whole numbers in English words (\"three hundred and twelve\") to digits (312)"));
    }

    /** Pairs held out for validation (and as many for the test) out of {@code pairs}: at least one each. */
    public static int heldOutPairs(int pairs) {
        return Math.max(1, (int) Math.round(pairs * HELD_OUT_FRACTION));
    }

    public static long trainingPairs(int pairs) {
        return pairs - 2L * heldOutPairs(pairs);
    }

    @Override
    public long builtinTrainingExamples(RunSpec spec) {
        return trainingPairs(spec.translation().builtinSize());
    }

    @Override
    public String describeUpload(String fileName, byte[] content) {
        return new PairFileParser().parse(fileName, content).size() + " sentence pairs";
    }

    @Override
    public long uploadTrainingExamples(RunSpec spec, String fileName, byte[] content) {
        return trainingPairs(new PairFileParser().parse(fileName, content).size());
    }

    @Override
    public String exampleUnit(RunSpec spec) {
        return "sentence pairs";
    }

    @Override
    public MainMetric mainMetric() {
        return new MainMetric("bleu", MainMetric.Direction.HIGHER_IS_BETTER, "copy_bleu", "copying the source");
    }

    @Override
    public Set<RunPanel> panels() {
        return Set.of(RunPanel.TRANSLATIONS);
    }

    @Override
    public List<Preset> presets() {
        return List.of(
                Presets.of("Dates with attention", "The decoder looks back at every source character: see "
                        + "the attention map line up day, month and year.", """
                        {"task":"translation","cell":"lstm","dataset":"builtin:dates","attention":true}"""),
                Presets.of("Number words without attention (bottleneck)", "The whole source squeezed into one "
                        + "vector: long numbers in words come out wrong far more often than short ones (see exact match "
                        + "by source length).", """
                        {"task":"translation","cell":"lstm","dataset":"builtin:numbers","attention":false}"""),
                Presets.of("Number words with attention", "The same model with attention: the decoder looks back at "
                        + "every source word, and long numbers are as right as short ones.", """
                        {"task":"translation","cell":"lstm","dataset":"builtin:numbers","attention":true}"""));
    }
}
