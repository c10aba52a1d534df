package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.Trainer;
import com.seqplay.engine.Events;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.testsupport.SlowTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The learning check: an encoder-decoder with attention learns date normalisation. Smaller than the
 * defaults (4,000 generated pairs, 64 units, 5 epochs, learning rate 0.01) to keep the test short; it
 * reached 99% exact match on the test pairs here (98.5% on validation after 4 epochs).
 */
@SlowTest
class DatesLearningTest {
    @TempDir
    Path runDir;

    @Test
    void dates_with_attention_reach_at_least_95_percent_exact_match_on_held_out_pairs() throws Exception {
        var spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"translation","dataset":"builtin:dates","cell":"lstm","attention":true,"builtinSize":4000,
                 "hiddenSize":64,"epochs":5,"batchSize":64,"learningRate":0.01}"""));
        List<TrainerEvent> events = new ArrayList<>();
        new Trainer(spec, runDir, events::add).run();

        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.metrics().get("exact_match")).isGreaterThanOrEqualTo(0.95);
        assertThat(result.metrics().get("bleu")).isGreaterThan(result.baselines().get("copy_bleu") + 0.5);
        assertThat(result.baselines().get("copy_exact_match")).isZero();

        // The saved model translates, and its attention is not uniform: the step writing each character
        // of the output concentrates on a few source characters.
        Translator translator = Translator.load(runDir);
        Translation t = translator.translate("the 3rd of March, 2021", 1);
        assertThat(t.text()).isEqualTo("2021-03-03");
        int sourceLength = t.sourceTokens().size();
        for (double[] row : t.attention()) {
            assertThat(row).hasSize(sourceLength);
            assertThat(Arrays.stream(row).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        }
        double meanMax = Arrays.stream(t.attention()).mapToDouble(r -> Arrays.stream(r).max().orElseThrow())
                .average().orElseThrow();
        assertThat(meanMax).isGreaterThan(5.0 / sourceLength); // uniform would be 1 / 22
        assertThat(translator.translate("the 3rd of March, 2021", 3).text()).isEqualTo("2021-03-03");
    }
}
