package com.seqplay.engine.textgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.Trainer;
import com.seqplay.engine.Events;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learning must be real: a small LSTM language model beats the unigram baseline on held-out text. */
class TextGenerationLearningTest {
    @TempDir
    Path runDir;

    @SlowTest
    @Test
    void an_lstm_ends_below_the_unigram_bits_per_character_on_held_out_text() throws Exception {
        var spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"textgen","cell":"lstm","epochs":4,"builtinSize":20000,"hiddenSize":64,"layers":1,
                 "sequenceLength":50,"batchSize":16,"sampleLength":20}"""));
        List<TrainerEvent> events = new ArrayList<>();
        new Trainer(spec, runDir, events::add).run();

        TrainerEvent.Result result = Events.result(events);
        double bpc = result.metrics().get("bpc");
        double unigram = result.baselines().get("unigram_bpc");
        assertThat(bpc).as("held-out bits per character vs unigram %.3f", unigram).isLessThan(unigram * 0.8);
        assertThat(result.metrics().get("perplexity")).isCloseTo(Math.pow(2, bpc), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void the_same_specification_and_seed_give_the_same_metric_series() throws Exception {
        var spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"textgen","cell":"gru","epochs":1,"builtinSize":4000,"hiddenSize":16,"layers":1,
                 "sequenceLength":40,"batchSize":16,"sampleLength":10}"""));
        List<TrainerEvent> first = new ArrayList<>();
        List<TrainerEvent> second = new ArrayList<>();
        new Trainer(spec, runDir.resolve("a"), first::add).run();
        new Trainer(spec, runDir.resolve("b"), second::add).run();
        assertThat(series(second)).isEqualTo(series(first));
    }

    private static List<Double> series(List<TrainerEvent> events) {
        return Events.of(events, TrainerEvent.Metric.class).stream().map(TrainerEvent.Metric::value).toList();
    }
}
