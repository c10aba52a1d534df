package com.seqplay.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.events.TrainerEvent.ResultStatus;
import com.seqplay.events.sample.AttentionSample;
import com.seqplay.events.sample.RawSample;
import com.seqplay.events.sample.TextSample;
import com.seqplay.events.sample.TranslationSample;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static TrainerEvent roundTrip(TrainerEvent event) {
        String line = EventCodec.encode(event);
        assertThat(line).startsWith(EventCodec.PREFIX).doesNotContain("\n");
        return EventCodec.decode(line).orElseThrow();
    }

    @Test
    void every_event_type_survives_a_round_trip() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("val_loss", 1.25);
        metrics.put("bpc", 1.8);
        List<TrainerEvent> events = List.of(
                new TrainerEvent.Started("CPU", "x86_64, 16 cores"),
                new TrainerEvent.Metric("train_loss", 42, 3, 0.5),
                new TrainerEvent.Progress(42, 100, 3),
                new TrainerEvent.Checkpoint("/runs/7/model.zip", 3),
                new TrainerEvent.Result(ResultStatus.SUCCEEDED, metrics, Map.of("unigram_bpc", 4.1), "Held-out 1.8"),
                TrainerEvent.Result.diverged("The loss became NaN at iteration 4"),
                new TrainerEvent.Error("IllegalArgumentException: no such dataset"),
                new TrainerEvent.Log("Vocabulary 40 characters, line two\nand a newline"));
        for (TrainerEvent event : events) {
            assertThat(roundTrip(event)).isEqualTo(event);
        }
    }

    @Test
    void a_sample_event_keeps_its_typed_payload() {
        var translation = new TranslationSample(List.of(new TranslationSample.Pair("one", "1", "1"),
                new TranslationSample.Pair("two", "3", "2")));
        var decoded = (TrainerEvent.Sample) roundTrip(new TrainerEvent.Sample(4, translation));
        assertThat(decoded.epoch()).isEqualTo(4);
        assertThat(decoded.payload()).isEqualTo(translation);

        var attention = new AttentionSample(List.of("a", "b"), List.of("x"), "x", new double[][] {{0.25, 0.75}});
        var back = (AttentionSample) ((TrainerEvent.Sample) roundTrip(new TrainerEvent.Sample(1, attention))).payload();
        assertThat(back.source()).containsExactly("a", "b");
        assertThat(back.weights()[0]).containsExactly(0.25, 0.75);
    }

    @Test
    void a_sample_is_written_with_the_wire_names_of_before() throws Exception {
        String line = EventCodec.encode(new TrainerEvent.Sample(2, new TextSample("Once", " upon")));
        JsonNode json = new ObjectMapper().readTree(line.substring(EventCodec.PREFIX.length()));
        assertThat(json.properties()).hasSize(4);
        assertThat(json.get("type").asText()).isEqualTo("SAMPLE");
        assertThat(json.get("name").asText()).isEqualTo("text");
        assertThat(json.get("epoch").asInt()).isEqualTo(2);
        assertThat(json.get("text").asText()).isEqualTo("{\"prompt\":\"Once\",\"continuation\":\" upon\"}");
    }

    @Test
    void lines_written_by_the_single_record_event_of_before_still_read() {
        assertThat(EventCodec.decode("@seqplay {\"type\":\"METRIC\",\"name\":\"val_loss\",\"step\":120,\"epoch\":2,"
                + "\"value\":1.5}")).contains(new TrainerEvent.Metric("val_loss", 120, 2, 1.5));
        assertThat(EventCodec.decode("@seqplay {\"type\":\"STARTED\",\"backend\":\"CPU\",\"device\":\"x\"}"))
                .contains(new TrainerEvent.Started("CPU", "x"));
        assertThat(EventCodec.decode("@seqplay {\"type\":\"PROGRESS\",\"step\":5,\"epoch\":1,\"totalSteps\":50}"))
                .contains(new TrainerEvent.Progress(5, 50, 1));
        assertThat(EventCodec.decode("@seqplay {\"type\":\"CHECKPOINT\",\"epoch\":3,\"text\":\"/r/model.zip\"}"))
                .contains(new TrainerEvent.Checkpoint("/r/model.zip", 3));
        assertThat(EventCodec.decode("@seqplay {\"type\":\"RESULT\",\"text\":\"done\",\"status\":\"SUCCEEDED\","
                + "\"metrics\":{\"bleu\":0.5},\"baselines\":{\"copy_bleu\":0.1}}"))
                .contains(new TrainerEvent.Result(ResultStatus.SUCCEEDED, Map.of("bleu", 0.5), Map.of("copy_bleu", 0.1),
                        "done"));
        assertThat(EventCodec.decode("@seqplay {\"type\":\"RESULT\",\"text\":\"NaN\",\"status\":\"DIVERGED\"}"))
                .contains(TrainerEvent.Result.diverged("NaN"));
        assertThat(EventCodec.decode("@seqplay {\"type\":\"ERROR\",\"text\":\"boom\"}"))
                .contains(new TrainerEvent.Error("boom"));
        assertThat(EventCodec.decode("@seqplay {\"type\":\"LOG\",\"text\":\"hello\"}"))
                .contains(new TrainerEvent.Log("hello"));
        // samples of before: the text kind was "prompt|continuation", translations plain lines
        assertThat(EventCodec.decode("@seqplay {\"type\":\"SAMPLE\",\"name\":\"text\",\"epoch\":1,\"text\":\"Once|upon\"}"))
                .contains(new TrainerEvent.Sample(1, new RawSample("text", "Once|upon")));
        var attention = (TrainerEvent.Sample) EventCodec.decode("@seqplay {\"type\":\"SAMPLE\",\"name\":\"attention\","
                + "\"epoch\":2,\"text\":\"{\\\"source\\\":[\\\"a\\\"],\\\"output\\\":[\\\"b\\\"],\\\"reference\\\":\\\"b\\\","
                + "\\\"weights\\\":[[1.0]]}\"}").orElseThrow();
        assertThat(attention.payload()).isInstanceOf(AttentionSample.class);
    }

    @Test
    void a_non_finite_metric_value_still_travels() {
        var decoded = (TrainerEvent.Metric) roundTrip(new TrainerEvent.Metric("grad_norm", 1, 1, Double.NaN));
        assertThat(decoded.value()).isNaN();
    }

    @Test
    void ordinary_output_and_unknown_events_are_not_events() {
        assertThat(EventCodec.decode("WARN some library line")).isEmpty();
        assertThat(EventCodec.decode("@seqplay {\"type\":\"TELEPORT\",\"text\":\"x\"}")).isEmpty();
        assertThat(EventCodec.decode("@seqplay {not json")).isEmpty();
        assertThat(EventCodec.decode("@seqplay {\"type\":\"RESULT\",\"status\":\"EXPLODED\"}")).isEmpty();
    }
}
