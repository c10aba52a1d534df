package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.dataset.SentencePair;
import com.seqplay.dataset.builtin.NumberWords;
import com.seqplay.engine.TrainingClock;
import com.seqplay.engine.TrainingContext;
import com.seqplay.engine.Events;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.LengthAccuracySample;
import com.seqplay.events.sample.TranslationSample;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Short training runs on tiny data: each cell learns, an uploaded file trains, rare words become unknown. */
class TranslationTrainingTest {
    @TempDir
    Path runDir;

    private List<TrainerEvent> train(String json, Optional<Path> file) throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(json));
        List<TrainerEvent> events = new ArrayList<>();
        new TranslationTrainer().train(new TrainingContext(spec, runDir, events::add, new TrainingClock(600), List.of(),
                file));
        assertThat(Events.result(events).status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        return events;
    }

    private static List<Double> series(List<TrainerEvent> events, String name) {
        return Events.values(events, name);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @SlowTest
    @ParameterizedTest
    @ValueSource(strings = {"rnn", "lstm", "gru"})
    void each_cell_trains_with_falling_loss_on_a_tiny_set(String cell) throws Exception {
        var events = train("""
                {"task":"translation","cell":"%s","dataset":"builtin:numbers","builtinSize":400,"hiddenSize":32,
                 "epochs":3,"batchSize":16,"learningRate":0.01,"attention":%s}"""
                .formatted(cell, cell.equals("lstm")), Optional.empty()); // rnn without, lstm with attention
        List<Double> trainLoss = series(events, "train_loss");
        assertThat(trainLoss).hasSize(3 * 20).allMatch(Double::isFinite);
        assertThat(mean(trainLoss.subList(50, 60))).isLessThan(0.7 * mean(trainLoss.subList(0, 10)));
        List<Double> valLoss = series(events, "val_loss");
        assertThat(valLoss.get(2)).isLessThan(valLoss.get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"global-norm", "l2-layer", "l2-param-type", "value"})
    void every_clipping_mode_acts_on_the_encoder_decoder_graph(String mode) throws Exception {
        var events = train("""
                {"task":"translation","cell":"gru","dataset":"builtin:numbers","builtinSize":200,"hiddenSize":16,
                 "epochs":1,"batchSize":16,"attention":false,"clipping":{"mode":"%s","threshold":0.0001}}"""
                .formatted(mode), Optional.empty());
        assertThat(series(events, "grad_norm")).isNotEmpty().allMatch(n -> n > 0.0001 && Double.isFinite(n));
        assertThat(series(events, "clipped")).as("a tiny threshold clips every step").allMatch(c -> c == 1.0);
        assertThat(series(events, "train_loss")).allMatch(Double::isFinite);
    }

    @Test
    void a_two_layer_bidirectional_encoder_without_attention_trains_and_translates() throws Exception {
        // once failed to build: the merged top encoder output is read only by attention
        var events = train("""
                {"task":"translation","cell":"lstm","dataset":"builtin:numbers","builtinSize":200,"hiddenSize":16,
                 "layers":2,"epochs":1,"batchSize":16,"attention":false,"bidirectional":true}""", Optional.empty());
        assertThat(series(events, "train_loss")).isNotEmpty().allMatch(Double::isFinite);
        assertThat(Events.result(events).status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(Translator.load(runDir).translate("forty two", 1).text()).isNotNull();
    }

    @SlowTest
    @Test
    void an_uploaded_tab_separated_file_trains() throws Exception {
        // lower-case words to upper case, in a file with a byte-order mark, CRLF endings and a blank line
        List<SentencePair> pairs = NumberWords.generate(300, 5).stream()
                .map(p -> new SentencePair(p.source(), p.source().toUpperCase())).toList();
        String text = "\uFEFF" + pairs.stream().map(p -> p.source() + "\t" + p.target()).collect(Collectors.joining("\r\n"))
                + "\r\n\r\n";
        Path file = Files.writeString(Files.createDirectories(runDir.resolve("upload")).resolve("upper.tsv"), text,
                StandardCharsets.UTF_8);
        var events = train("""
                {"task":"translation","dataset":"upload-1","hiddenSize":32,"epochs":2,"batchSize":16,
                 "learningRate":0.01}""", Optional.of(file));
        assertThat(Events.logs(events)).first()
                .satisfies(line -> assertThat(line).startsWith("240 training, 30 validation, 30 test pairs"));
        List<Double> valLoss = series(events, "val_loss");
        assertThat(valLoss.get(1)).isLessThan(valLoss.get(0));
        Translator translator = Translator.load(runDir);
        assertThat(translator.translate("forty two", 1).text()).matches("[A-Z ]*");
    }

    @Test
    void word_tokens_with_a_small_vocabulary_learn_to_write_unknown() throws Exception {
        // Numbers as words to digits with word tokens: each whole number is one target token, and a
        // vocabulary of 5 keeps only the 5 commonest, so most targets are <unk>.
        var events = train("""
                {"task":"translation","dataset":"builtin:numbers","builtinSize":300,"tokens":"word","maxVocabulary":5,
                 "hiddenSize":16,"epochs":2,"batchSize":16,"learningRate":0.02}""", Optional.empty());
        assertThat(Events.payloads(events, TranslationSample.class)).last()
                .satisfies(e -> assertThat(e.pairs()).anyMatch(p -> p.output().equals("<unk>")));
        String log = Events.logs(events).get(0);
        assertThat(log).contains("vocabularies 9 (source) and 9 (target)");
        assertThat(log).doesNotContain("; 0.0% of validation source tokens unknown");
    }

    @Test
    void exact_match_by_source_length_is_reported_per_epoch_and_on_the_test_pairs() throws Exception {
        var events = train("""
                {"task":"translation","cell":"gru","dataset":"builtin:dates","builtinSize":200,"hiddenSize":16,
                 "epochs":2,"batchSize":16,"attention":true}""", Optional.empty());
        List<LengthAccuracySample> samples = Events.payloads(events, LengthAccuracySample.class);
        assertThat(samples).extracting(LengthAccuracySample::heldOut).containsExactly(
                LengthAccuracySample.HeldOut.VALIDATION, LengthAccuracySample.HeldOut.VALIDATION,
                LengthAccuracySample.HeldOut.TEST);
        assertThat(Events.logs(events).get(0)).startsWith("160 training, 20 validation, 20 test pairs");
        LengthAccuracySample onTest = samples.get(2);
        assertThat(onTest.buckets()).hasSizeBetween(2, 5);
        assertThat(onTest.buckets().stream().mapToInt(LengthAccuracySample.Bucket::pairs).sum()).isEqualTo(20);
        assertThat(samples.get(0).buckets().stream().mapToInt(LengthAccuracySample.Bucket::pairs).sum()).isEqualTo(20);
        for (int i = 1; i < onTest.buckets().size(); i++) {
            assertThat(onTest.buckets().get(i).minTokens()).isGreaterThan(onTest.buckets().get(i - 1).maxTokens());
        }
        assertThat(onTest.buckets()).allSatisfy(b -> {
            assertThat(b.exactMatch()).isBetween(0.0, 1.0);
            assertThat(b.bleu()).isBetween(0.0, 1.0);
        });
        // the buckets' exact matches, weighted by their pair counts, make the run's test exact match
        double weighted = onTest.buckets().stream().mapToDouble(b -> b.exactMatch() * b.pairs()).sum() / 20;
        assertThat(weighted).isCloseTo(Events.result(events).metrics().get("exact_match"),
                org.assertj.core.api.Assertions.within(1e-9));
    }
}
