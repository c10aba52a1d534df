package com.seqplay.run.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.events.sample.ForecastSample;
import com.seqplay.events.sample.GradientReachSample;
import com.seqplay.events.sample.MemorySample;
import com.seqplay.events.sample.SampleCodec;
import com.seqplay.events.sample.SamplePayload;
import com.seqplay.events.sample.TextSample;
import com.seqplay.events.sample.TranslationSample;
import com.seqplay.run.domain.Sample;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SideBySideTest {

    private static Sample sample(int epoch, SamplePayload p) {
        return new Sample(p.kind(), epoch, SampleCodec.encode(p), Instant.EPOCH);
    }

    private static TranslationSample translations(String... sourceOutputReference) {
        List<TranslationSample.Pair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < sourceOutputReference.length; i += 3) {
            pairs.add(new TranslationSample.Pair(sourceOutputReference[i], sourceOutputReference[i + 1],
                    sourceOutputReference[i + 2]));
        }
        return new TranslationSample(pairs);
    }

    @Test
    void translations_of_the_same_sentences_line_up_from_each_runs_latest_epoch() {
        var samples = Map.of(
                1L, List.of(sample(1, translations("a", "old", "A")), sample(3, translations("a", "A", "A", "b", "x", "B"))),
                2L, List.of(sample(2, translations("a", "z", "A", "b", "B", "B"))));
        var table = SideBySide.translations(List.of(1L, 2L), samples);

        assertThat(table.sameInputs()).isTrue();
        assertThat(table.epochs()).containsEntry(1L, 3).containsEntry(2L, 2);
        assertThat(table.rows()).extracting(SideBySide.Row::input).containsExactly("a", "b");
        assertThat(table.rows().get(0).answers().get(1L)).isEqualTo(new SideBySide.Answer("A", true));
        assertThat(table.rows().get(0).answers().get(2L)).isEqualTo(new SideBySide.Answer("z", false));
        assertThat(table.accuracy(1L)).isEqualTo(0.5);
        assertThat(table.accuracy(2L)).isEqualTo(0.5);
    }

    @Test
    void samples_on_other_inputs_are_not_put_in_one_row() {
        var samples = Map.of(
                1L, List.of(sample(1, translations("a", "A", "A", "b", "B", "B"))),
                2L, List.of(sample(1, translations("c", "C", "C", "b", "B", "B"))),
                3L, List.<Sample>of());
        var table = SideBySide.translations(List.of(1L, 2L, 3L), samples);

        assertThat(table.runs()).as("a run without samples is no column").containsExactly(1L, 2L);
        assertThat(table.sameInputs()).isFalse();
        assertThat(table.sharedInputs()).isEqualTo(1);
        assertThat(table.rows()).extracting(SideBySide.Row::input).containsExactly("a", "b", "c");
        assertThat(table.rows().get(0).answers()).containsOnlyKeys(1L);
    }

    @Test
    void texts_by_prompt_and_memory_answers_with_the_gap_when_gaps_differ() {
        var texts = SideBySide.texts(List.of(1L, 2L), Map.of(
                1L, List.of(sample(2, new TextSample("The ", "cat"))),
                2L, List.of(sample(2, new TextSample("The ", "dog")))));
        assertThat(texts.sameInputs()).isTrue();
        assertThat(texts.rows()).singleElement().satisfies(r -> {
            assertThat(r.input()).isEqualTo("The ");
            assertThat(r.answers().get(2L).text()).isEqualTo("dog");
            assertThat(r.answers().get(2L).correct()).isNull();
        });
        assertThat(texts.accuracy(1L)).isNaN();

        var q = new MemorySample.Question("A B", "A", 0.9, "A");
        var wrong = new MemorySample.Question("A B", "B", 0.6, "A");
        var memory = SideBySide.memory(List.of(1L, 2L), Map.of(
                1L, List.of(sample(1, new MemorySample(20, List.of(q)))),
                2L, List.of(sample(1, new MemorySample(50, List.of(wrong))))));
        assertThat(memory.sameInputs()).isFalse();
        assertThat(memory.rows()).extracting(SideBySide.Row::input).containsExactly("A B (gap 20)", "A B (gap 50)");
        assertThat(memory.rows().get(1).answers().get(2L)).isEqualTo(new SideBySide.Answer("B (p 0.60)", false));
        assertThat(memory.accuracy(1L)).isEqualTo(1.0);
    }

    @Test
    void forecasts_share_a_window_only_when_they_read_the_same_values() {
        double[] history = {1, 2, 3};
        double[] actual = {4, 5};
        var same1 = new ForecastSample(10, 2, history, actual, new double[] {4.1, 5.2}, actual, actual, null);
        var same2 = new ForecastSample(10, 2, history.clone(), actual.clone(), new double[] {3.9, 4.8}, actual, actual,
                null);
        var other = new ForecastSample(12, 2, new double[] {3, 4, 5}, actual, actual, actual, actual, null);
        var windows = SideBySide.forecasts(List.of(1L, 2L, 3L), Map.of(1L, List.of(sample(4, same1)),
                2L, List.of(sample(5, same2)), 3L, List.of(sample(5, other))));
        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).forecasts()).containsOnlyKeys(1L, 2L);
        assertThat(windows.get(0).epochs()).containsEntry(2L, 5);
        assertThat(windows.get(1).forecasts()).containsOnlyKeys(3L);
    }

    @Test
    void gradient_reach_is_each_runs_latest_curve() {
        var curves = SideBySide.reach(List.of(2L, 1L), Map.of(
                1L, List.of(sample(0, new GradientReachSample(new double[] {1, 0.5})),
                        sample(3, new GradientReachSample(new double[] {1, 0.9}))),
                2L, List.of(sample(3, new TextSample("a", "b")))));
        assertThat(curves).singleElement().satisfies(c -> {
            assertThat(c.run()).isEqualTo(1L);
            assertThat(c.epoch()).isEqualTo(3);
            assertThat(c.relativeNorm()).containsExactly(1, 0.9);
        });
    }
}
