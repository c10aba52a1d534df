package com.seqplay.engine.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.Trainer;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictorTest {
    @TempDir
    Path runDir;

    private static RunSpec spec(long seed) {
        return SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"textgen","cell":"gru","epochs":1,"builtinSize":3000,"hiddenSize":16,"layers":1,
                 "sequenceLength":40,"batchSize":16,"sampleLength":5,"seed":%d}""".formatted(seed)));
    }

    private static final PredictRequest PROMPT = new PredictRequest("the ", null, 1.0, null, 60, null, null, 5L);

    @Test
    void a_checkpoint_replaced_while_a_run_trains_is_used_by_the_next_prediction() throws Exception {
        var predictor = new Predictor();
        new Trainer(spec(1), runDir, e -> { }).run();
        Object first = predictor.predict(spec(1), runDir, PROMPT).output();
        assertThat(predictor.predict(spec(1), runDir, PROMPT).output()).as("same model, same seed").isEqualTo(first);

        Thread.sleep(20);
        new Trainer(spec(2), runDir, e -> { }).run(); // a better epoch overwrites model.zip
        Object second = predictor.predict(spec(2), runDir, PROMPT).output();

        assertThat(second).isEqualTo(new Predictor().predict(spec(2), runDir, PROMPT).output());
        assertThat(second).isNotEqualTo(first);
    }
}
