package com.seqplay.events.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SampleCodecTest {

    private static SamplePayload roundTrip(SamplePayload payload) {
        return SampleCodec.decode(payload.kind(), SampleCodec.encode(payload));
    }

    @Test
    void records_without_arrays_come_back_equal() {
        var text = new TextSample("The cat", " sat on the mat");
        var translation = new TranslationSample(List.of(new TranslationSample.Pair("3 March 2021", "2021-03-03",
                "2021-03-03")));
        var memory = new MemorySample(20, List.of(new MemorySample.Question("C A B", "C", 0.875, "C"),
                new MemorySample.Question("D B A", "A", 0.25, "D")));
        assertThat(roundTrip(text)).isEqualTo(text);
        assertThat(roundTrip(translation)).isEqualTo(translation);
        assertThat(roundTrip(memory)).isEqualTo(memory);
        var lengths = new LengthAccuracySample(LengthAccuracySample.HeldOut.TEST, List.of(
                new LengthAccuracySample.Bucket(3, 5, 12, 0.75, 0.9), new LengthAccuracySample.Bucket(6, 9, 10, 0.2, 0.5)));
        assertThat(roundTrip(lengths)).isEqualTo(lengths);
        assertThat(SampleText.of(lengths)).contains("3-5 tokens 75% of 12");
        assertThat(((MemorySample) roundTrip(memory)).questions()).extracting(MemorySample.Question::correct)
                .containsExactly(true, false);
    }

    @Test
    void numeric_kinds_keep_their_numbers() {
        var forecast = new ForecastSample(120, 12, new double[] {1, 2, 3}, new double[] {4, 5}, new double[] {4.5, 5.5},
                new double[] {3, 3}, new double[] {1, 2}, List.of("d1", "d2", "d3", "d4", "d5"));
        var back = (ForecastSample) roundTrip(forecast);
        assertThat(back.origin()).isEqualTo(120);
        assertThat(back.period()).isEqualTo(12);
        assertThat(back.history()).containsExactly(1, 2, 3);
        assertThat(back.forecast()).containsExactly(4.5, 5.5);
        assertThat(back.seasonalNaive()).containsExactly(1, 2);
        assertThat(back.dates()).hasSize(5);

        var undated = (ForecastSample) roundTrip(new ForecastSample(5, 1, new double[] {1}, new double[] {2},
                new double[] {2}, new double[] {1}, new double[] {1}, null));
        assertThat(undated.dates()).isNull();
        assertThat(SampleCodec.encode(undated)).doesNotContain("dates");

        var reach = (GradientReachSample) roundTrip(new GradientReachSample(new double[] {1, 0.1, 1e-7}));
        assertThat(reach.relativeNorm()).containsExactly(1, 0.1, 1e-7);

        var attention = (AttentionSample) roundTrip(new AttentionSample(List.of("un", "deux"), List.of("one", "two"),
                "one two", new double[][] {{0.9, 0.1}, {0.2, 0.8}}));
        assertThat(attention.output()).containsExactly("one", "two");
        assertThat(attention.weights()[1]).containsExactly(0.2, 0.8);
    }

    @Test
    void a_forecast_stored_by_the_previous_version_reads_typed() {
        String stored = "{\"origin\":900,\"period\":24,\"history\":[1.0,2.0],\"actual\":[3.0],\"forecast\":[2.9],"
                + "\"naive\":[2.0],\"seasonalNaive\":[3.1]}";
        var sample = (ForecastSample) SampleCodec.decode("forecast", stored);
        assertThat(sample.origin()).isEqualTo(900);
        assertThat(sample.actual()).containsExactly(3.0);
    }

    @Test
    void a_memory_sample_in_the_probe_trainers_json_reads_typed() {
        var sample = (MemorySample) SampleCodec.decode("memory", "{\"distractors\":20,\"questions\":[{\"symbols\":"
                + "\"C A B\",\"answer\":\"C\",\"probability\":0.9,\"truth\":\"C\"}]}");
        assertThat(sample.distractors()).isEqualTo(20);
        assertThat(sample.questions()).containsExactly(new MemorySample.Question("C A B", "C", 0.9, "C"));
    }

    @Test
    void old_or_broken_content_falls_back_to_raw_text() {
        assertThat(SampleCodec.decode("text", "The cat|sat")).isEqualTo(new RawSample("text", "The cat|sat"));
        String oldTranslation = "one -> 1 (1)\ntwo -> 3 (2)";
        assertThat(SampleCodec.decode("translation", oldTranslation)).isEqualTo(new RawSample("translation", oldTranslation));
        // valid JSON that lacks what the kind needs
        assertThat(SampleCodec.decode("forecast", "{\"origin\":3}")).isInstanceOf(RawSample.class);
        assertThat(SampleCodec.decode("text", "{\"prompt\":\"x\"}")).isInstanceOf(RawSample.class);
        assertThat(SampleCodec.decode("text", "{\"prompt\":\"x\",\"continuation\":\"y\"} trailing"))
                .isInstanceOf(RawSample.class);
        assertThat(SampleCodec.decode("text", "null")).isInstanceOf(RawSample.class);
        assertThat(SampleCodec.decode("hologram", "{}")).isEqualTo(new RawSample("hologram", "{}"));
        assertThat(SampleCodec.decode(null, null)).isEqualTo(new RawSample("", ""));
    }

    @Test
    void a_raw_sample_is_stored_as_it_came() {
        var raw = new RawSample("text", "The cat|sat");
        assertThat(SampleCodec.encode(raw)).isEqualTo("The cat|sat");
        assertThat(raw.kind()).isEqualTo("text");
    }

    @Test
    void plain_text_shows_each_kind_readably() {
        assertThat(SampleText.of(new TranslationSample(List.of(new TranslationSample.Pair("a b", "A", "A B")))))
                .isEqualTo("a b -> A (A B)");
        assertThat(SampleText.of(new TextSample("Once", " upon"))).isEqualTo("[Once] upon");
        assertThat(SampleText.of(new GradientReachSample(new double[] {1, 0.5}))).contains("[1.00, 0.500]");
    }
}
