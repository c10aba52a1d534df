package com.seqplay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every task follows the {@link EpochLoop}'s rule for a time limit spent before the first
 * evaluation: one batch, the first epoch evaluated and checkpointed, a SUCCEEDED result.
 */
@SlowTest
class TimeLimitTest {
    @TempDir
    Path runDir;

    @ParameterizedTest
    @ValueSource(strings = {
        """
        {"task":"textgen","epochs":3,"builtinSize":3000,"hiddenSize":16,"layers":1,"sequenceLength":40,
         "batchSize":8,"sampleLength":5}""",
        """
        {"task":"forecasting","epochs":3,"builtinSize":600,"window":24,"horizon":6,"hiddenSize":8,"batchSize":32}""",
        """
        {"task":"translation","dataset":"builtin:numbers","builtinSize":200,"hiddenSize":16,"epochs":3,
         "batchSize":16,"attention":true}"""})
    void a_limit_spent_before_the_first_evaluation_gives_one_batch_and_an_evaluated_first_epoch(String json)
            throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(json));
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getRandom().setSeed(spec.seed());
        // a clock whose every reading is a second later: the limit of 0 s is spent at the first look
        AtomicLong nanos = new AtomicLong();
        var clock = new TrainingClock(0, () -> nanos.getAndAdd(1_000_000_000L));
        List<TrainerEvent> events = new ArrayList<>();
        TaskEngines.trainer(spec.task()).train(new TrainingContext(spec, runDir, events::add, clock, List.of(),
                Optional.empty()));

        assertThat(Events.metric(events, "train_loss")).as("batches trained").hasSize(1);
        assertThat(Events.metric(events, "val_loss")).extracting(TrainerEvent.Metric::epoch).containsExactly(1);
        // (forecasting also checkpoints its untrained network first, epoch 0: the reference forecast)
        assertThat(Events.of(events, TrainerEvent.Checkpoint.class)).extracting(TrainerEvent.Checkpoint::epoch)
                .filteredOn(epoch -> epoch > 0).containsExactly(1);
        assertThat(Events.logs(events)).anyMatch(l -> l.startsWith("Wall-time limit of 0 s reached during epoch 1"));
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.metrics()).containsKey("val_loss").allSatisfy((name, value) -> assertThat(value).isFinite());
        assertThat(result.baselines()).isNotEmpty();
    }
}
