package com.seqplay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Accuracy against distance: a line per cell, a point per distance with the mean over seeds and its range. */
class MemoryDistanceChartTest {

    private static Run memory(long id, String cell, int distractors, double accuracy) {
        var spec = SpecValidator.complete(SpecJson.parse("""
                {"task":"memory","cell":"%s","distractors":%d}""".formatted(cell, distractors)));
        return new Run(id, "local", "m" + id, spec, 1, RunStatus.SUCCEEDED, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH,
                null, null, 1.0, Map.of("accuracy", accuracy), Map.of(), null, null, List.of(), accuracy, null);
    }

    @Test
    void runs_at_two_distances_draw_a_line_per_cell_with_the_mean_and_range_over_seeds() {
        var section = MemoryDistanceChart.of(List.of(memory(1, "rnn", 5, 1.0), memory(2, "rnn", 50, 0.2),
                memory(3, "rnn", 50, 0.5), memory(4, "lstm", 5, 1.0), memory(5, "lstm", 50, 1.0)));

        assertThat(section).isPresent();
        var chart = section.get().getChildren().filter(c -> c instanceof CompareChart).findFirst().orElseThrow();
        String data = chart.getElement().getPropertyRaw("data").toString();
        assertThat(data).contains("\"name\":\"lstm (n=2)\"").contains("\"name\":\"rnn (n=3)\"")
                .contains("[50,0.35]").contains("[50,0.2,0.5]").contains("\"value\":0.125");
    }

    @Test
    void one_distance_or_no_memory_runs_draw_nothing() {
        assertThat(MemoryDistanceChart.of(List.of(memory(1, "rnn", 20, 0.9), memory(2, "lstm", 20, 1.0)))).isEmpty();
        assertThat(MemoryDistanceChart.of(List.of())).isEmpty();
    }
}
