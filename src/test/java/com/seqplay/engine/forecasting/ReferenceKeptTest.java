package com.seqplay.engine.forecasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.Events;
import com.seqplay.engine.Trainer;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The untrained network is a candidate for the best epoch: its output layer starts at zero, so it
 * forecasts exactly the Holt-Winters reference. On this short monthly series no trained epoch does
 * better on the validation windows, so the run keeps it and scores as the reference does.
 */
@SlowTest
class ReferenceKeptTest {
    @TempDir
    Path runDir;

    @Test
    void a_run_whose_epochs_lose_to_the_reference_keeps_the_reference() throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"builtin:monthly","builtinSize":120,"epochs":6,"seed":5}"""));
        List<TrainerEvent> events = new ArrayList<>();
        new Trainer(spec, runDir, events::add).run();

        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.message()).contains("before training");
        assertThat(Events.of(events, TrainerEvent.Checkpoint.class)).extracting(TrainerEvent.Checkpoint::epoch)
                .containsExactly(0);
        assertThat(Events.metric(events, "val_loss")).as("the epochs still train and report").hasSize(6);
        // the saved network is the untrained one: a zero output layer, which adds nothing to the reference
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(runDir.resolve(Checkpoints.MODEL_FILE).toFile(), false);
        org.deeplearning4j.nn.api.Layer output = saved.getLayer(saved.getnLayers() - 1);
        assertThat(output.getParam("W").amaxNumber().doubleValue()).isZero();
        assertThat(output.getParam("b").amaxNumber().doubleValue()).isZero();
        // and the run scores what its final epoch would have lost to: the kept model is better on validation
        assertThat(result.metrics().get("val_loss")).isLessThan(Events.metric(events, "val_loss").get(5).value());
    }
}
