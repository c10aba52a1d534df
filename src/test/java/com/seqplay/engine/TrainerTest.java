package com.seqplay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.TextSample;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path runDir;

    private List<TrainerEvent> train(String json) throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(json));
        List<TrainerEvent> events = new ArrayList<>();
        new Trainer(spec, runDir, events::add).run();
        return events;
    }

    @Test
    void a_text_generation_run_reports_start_metrics_samples_checkpoint_and_result() throws Exception {
        var events = train("""
                {"task":"textgen","epochs":2,"builtinSize":6000,"hiddenSize":24,"layers":1,"sequenceLength":40,
                 "batchSize":16,"sampleLength":30}""");

        assertThat(events.get(0)).isInstanceOf(TrainerEvent.Started.class);
        assertThat(((TrainerEvent.Started) events.get(0)).backend()).isEqualTo("CPU");
        assertThat(Events.metric(events, "train_loss")).isNotEmpty()
                .allMatch(e -> Double.isFinite(e.value()) && e.value() > 0);
        assertThat(Events.payloads(events, TextSample.class)).hasSize(2)
                .allMatch(e -> e.prompt().length() == 20 && e.continuation().length() >= 30);
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.metrics()).containsKeys("bpc", "perplexity");
        assertThat(result.baselines().get("uniform_bpc")).isGreaterThan(result.baselines().get("unigram_bpc"));
        assertThat(Files.exists(runDir.resolve(Checkpoints.MODEL_FILE))).isTrue();
        assertThat(Events.samples(events, "gradient_reach")).extracting(TrainerEvent.Sample::epoch)
                .as("one curve before training and one per epoch").containsExactly(0, 1, 2);
    }

    @Test
    void the_first_loss_is_about_the_log_of_the_vocabulary_size() throws Exception {
        // train_loss is the mean cross-entropy per predicted character, so an untrained model scores ~ln V.
        var events = train("""
                {"task":"textgen","epochs":1,"builtinSize":3000,"hiddenSize":16,"layers":1,"sequenceLength":40,
                 "batchSize":8,"sampleLength":5,"learningRate":0.0001}""");
        double first = Events.values(events, "train_loss").get(0);
        double uniformNats = Events.result(events).baselines().get("uniform_bpc") * Math.log(2);
        assertThat(first).isCloseTo(uniformNats, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void a_forecast_with_a_huge_learning_rate_and_no_clipping_really_diverges() throws Exception {
        // No fault injection: plain SGD at rate 10 on a regression blows the loss up to infinity.
        var events = train("""
                {"task":"forecasting","cell":"rnn","optimizer":"sgd","learningRate":10,"clipping":{"mode":"none"},
                 "epochs":2,"builtinSize":1200,"hiddenSize":32}""");
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.DIVERGED);
        assertThat(result.message()).contains("at iteration").contains("clipping");
    }

    @Test
    void a_loss_that_becomes_nan_ends_the_run_diverged_naming_the_iteration() throws Exception {
        var events = train("""
                {"task":"textgen","cell":"rnn","epochs":3,"builtinSize":6000,"hiddenSize":32,"layers":1,
                 "sequenceLength":40,"batchSize":16,"sampleLength":5,"faultInjection":{"mode":"nan","iteration":3}}""");
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.DIVERGED);
        assertThat(result.message()).contains("iteration 4").contains("clipping");
        assertThat(Events.metric(events, "train_loss")).hasSize(3);
    }

    @SlowTest
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rnn", "lstm", "gru"})
    void every_cell_learns_text_with_falling_loss_and_reports_its_gradient_norm(String cell) throws Exception {
        var events = train("""
                {"task":"textgen","cell":"%s","epochs":3,"builtinSize":6000,"hiddenSize":32,"layers":1,
                 "sequenceLength":40,"batchSize":16,"sampleLength":5,"weightInit":"%s"}""".formatted(cell,
                cell.equals("gru") ? "lecun" : "xavier"));
        var losses = Events.values(events, "train_loss");
        double firstFew = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double lastFew = losses.subList(losses.size() - 3, losses.size()).stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        assertThat(lastFew).as(cell + " loss falls").isLessThan(firstFew * 0.85);
        assertThat(Events.metric(events, "grad_norm")).hasSameSizeAs(losses)
                .allMatch(e -> e.value() > 0 && Double.isFinite(e.value()));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"none", "value", "l2-layer", "l2-param-type",
        "renorm-layer", "global-norm"})
    void every_clipping_mode_trains_and_says_when_it_acted(String mode) throws Exception {
        var events = train("""
                {"task":"textgen","cell":"lstm","epochs":1,"builtinSize":3000,"hiddenSize":16,"layers":2,
                 "sequenceLength":40,"batchSize":16,"sampleLength":5,"clipping":{"mode":"%s","threshold":0.0001}}"""
                .formatted(mode));
        var clipped = Events.values(events, "clipped");
        assertThat(clipped).isNotEmpty().allMatch(c -> c == (mode.equals("none") ? 0.0 : 1.0));
        assertThat(Events.metric(events, "train_loss")).allMatch(e -> Double.isFinite(e.value()));
        assertThat(Events.result(events).status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
    }

    @Test
    void global_norm_clipping_reports_the_norm_before_clipping_and_that_it_clipped() throws Exception {
        var events = train("""
                {"task":"textgen","cell":"gru","epochs":1,"builtinSize":4000,"hiddenSize":16,"layers":1,
                 "sequenceLength":40,"batchSize":16,"sampleLength":5,"clipping":{"mode":"global-norm","threshold":0.001}}""");
        assertThat(Events.metric(events, "grad_norm")).allMatch(e -> e.value() > 0.001);
        assertThat(Events.metric(events, "clipped")).isNotEmpty().allMatch(e -> e.value() == 1.0);

        var unclipped = train("""
                {"task":"textgen","cell":"gru","epochs":1,"builtinSize":4000,"hiddenSize":16,"layers":1,
                 "sequenceLength":40,"batchSize":16,"sampleLength":5,"clipping":{"mode":"none"}}""");
        assertThat(Events.metric(unclipped, "clipped")).allMatch(e -> e.value() == 0.0);
    }
}
