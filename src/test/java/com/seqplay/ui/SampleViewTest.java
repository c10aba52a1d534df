package com.seqplay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.events.sample.AttentionSample;
import com.seqplay.events.sample.MemorySample;
import com.seqplay.events.sample.SampleCodec;
import com.seqplay.events.sample.TextSample;
import com.seqplay.events.sample.TranslationSample;
import com.seqplay.run.domain.Sample;
import com.vaadin.flow.dom.Element;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleViewTest {

    private static List<Element> descendants(Element root, String tag) {
        List<Element> found = new java.util.ArrayList<>();
        root.getChildren().forEach(child -> {
            if (!child.isTextNode() && child.getTag().equals(tag)) {
                found.add(child);
            }
            found.addAll(descendants(child, tag));
        });
        return found;
    }

    @Test
    void a_translation_shows_as_source_output_and_reference_lines_not_json() {
        var view = new SampleView(3, new TranslationSample(List.of(new TranslationSample.Pair("one", "1", "1"),
                new TranslationSample.Pair("two", "3", "2"))));
        String text = view.getElement().getTextRecursively();
        assertThat(text).isEqualTo("epoch 3: one -> 1 (1)\ntwo -> 3 (2)\n").doesNotContain("{");
    }

    @Test
    void text_shows_its_prompt_apart_from_the_continuation() {
        var view = new SampleView(1, new TextSample("Once", " upon a time"));
        assertThat(view.getElement().getTextRecursively()).isEqualTo("epoch 1: Once upon a time");
        assertThat(descendants(view.getElement(), "span")).filteredOn(e -> e.getClassList().contains("sample-prompt"))
                .singleElement().satisfies(e -> assertThat(e.getText()).isEqualTo("Once"));
    }

    @Test
    void an_attention_sample_is_a_small_heatmap_of_its_epoch() {
        var view = new SampleView(2, new AttentionSample(List.of("a", "b"), List.of("x"), "x",
                new double[][] {{0.3, 0.7}}));
        assertThat(view.getElement().getTextRecursively()).startsWith("epoch 2 attention: a b -> x");
        assertThat(descendants(view.getElement(), "seqplay-attention-map")).singleElement()
                .satisfies(map -> assertThat(map.getStyle().get("max-width")).isEqualTo("32em"));
    }

    @Test
    void memory_answers_show_as_lines() {
        var view = new SampleView(4, new MemorySample(20, List.of(new MemorySample.Question("C A B", "C", 0.9, "C"),
                new MemorySample.Question("D B A", "A", 0.4, "D"))));
        assertThat(view.getElement().getTextRecursively())
                .isEqualTo("epoch 4: after 20 distractors:\nC A B -> C (C)\nD B A -> A (D)\n");
    }

    @Test
    void a_sample_stored_by_an_older_version_shows_its_text() {
        var stored = new Sample("translation", 5, "one -> 1 (1)", Instant.EPOCH);
        var view = new SampleView(stored.epoch(), stored.payload());
        assertThat(view.getElement().getTextRecursively()).isEqualTo("epoch 5: one -> 1 (1)");
        assertThat(view.getElement().getAttribute("data-kind")).isEqualTo("translation");
        var typed = new Sample("text", 1, SampleCodec.encode(new TextSample("a", "b")), Instant.EPOCH);
        assertThat(typed.payload()).isEqualTo(new TextSample("a", "b"));
    }
}
