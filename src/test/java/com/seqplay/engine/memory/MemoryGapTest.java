package com.seqplay.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.Events;
import com.seqplay.engine.Trainer;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lesson of the probe: with the same training, a plain RNN stops remembering as the gap grows. */
@Tag("slow")
class MemoryGapTest {
    @TempDir
    Path runDir;

    @Test
    void a_plain_rnns_accuracy_falls_towards_chance_as_the_gap_grows() throws Exception {
        double shortGap = testAccuracy("rnn", 5);
        double longGap = testAccuracy("rnn", 100);
        assertThat(shortGap).as("rnn across 5 distractors").isGreaterThan(0.9);
        // measured with this training: 1.0 across 5, 0.49 across 100 (chance 0.125)
        assertThat(longGap).as("rnn across 100 distractors (chance 0.125)").isLessThan(0.6)
                .isLessThan(shortGap - 0.35);
    }

    private double testAccuracy(String cell, int distractors) throws Exception {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"memory","cell":"%s","distractors":%d,"alphabet":8,"symbols":3,"sequences":1000,
                 "hiddenSize":64,"epochs":5,"batchSize":16,"seed":5}""".formatted(cell, distractors)));
        List<TrainerEvent> events = new ArrayList<>();
        new Trainer(spec, runDir.resolve(cell + "-" + distractors), events::add).run();
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        assertThat(result.baselines().get("chance")).isEqualTo(0.125);
        return result.metrics().get("accuracy");
    }
}
