package com.seqplay.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.seqplay.events.sample.SampleCodec;
import com.seqplay.events.sample.SamplePayload;
import java.util.Map;

/**
 * One thing a trainer reports to whoever started it. Events travel as JSON lines
 * ({@link EventCodec}), so the trainer makes no assumption about running on the server's machine.
 *
 * <p>On the wire each event is a flat object whose {@code type} names the record; the property
 * names are those of the single event record that came before these types (a free-text field is
 * {@code text}, a sample's kind is {@code name}), so event lines written by an older trainer
 * still read.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = TrainerEvent.Started.class, name = "STARTED"),
    @JsonSubTypes.Type(value = TrainerEvent.Metric.class, name = "METRIC"),
    @JsonSubTypes.Type(value = TrainerEvent.Sample.class, name = "SAMPLE"),
    @JsonSubTypes.Type(value = TrainerEvent.Progress.class, name = "PROGRESS"),
    @JsonSubTypes.Type(value = TrainerEvent.Checkpoint.class, name = "CHECKPOINT"),
    @JsonSubTypes.Type(value = TrainerEvent.Result.class, name = "RESULT"),
    @JsonSubTypes.Type(value = TrainerEvent.Error.class, name = "ERROR"),
    @JsonSubTypes.Type(value = TrainerEvent.Log.class, name = "LOG")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface TrainerEvent {

    /** The trainer is up; it trains on {@code backend} (CPU or CUDA) and this device. */
    record Started(String backend, String device) implements TrainerEvent {}

    /** One point of a metric's series: a per-iteration value or a per-epoch evaluation. */
    record Metric(String name, long step, int epoch, double value) implements TrainerEvent {}

    /** What the model produces after an epoch (epoch 0: before training). */
    record Sample(int epoch, @JsonIgnore SamplePayload payload) implements TrainerEvent {
        @JsonCreator
        static Sample fromWire(@JsonProperty("name") String kind, @JsonProperty("epoch") int epoch,
                @JsonProperty("text") String content) {
            return new Sample(epoch, SampleCodec.decode(kind, content));
        }

        /** The kind's id, stored beside the content. */
        @JsonProperty("name")
        public String kind() {
            return payload.kind();
        }

        /** The payload as stored: JSON for every known kind. */
        @JsonProperty("text")
        public String content() {
            return SampleCodec.encode(payload);
        }
    }

    record Progress(long step, long totalSteps, int epoch) implements TrainerEvent {}

    /** The model file now holds the model after {@code epoch}, the best one so far. */
    record Checkpoint(@JsonProperty("text") String path, int epoch) implements TrainerEvent {}

    /** The final outcome, with the final metrics and the baselines to compare them with. */
    record Result(ResultStatus status, Map<String, Double> metrics, Map<String, Double> baselines,
            @JsonProperty("text") String message) implements TrainerEvent {

        public static Result diverged(String message) {
            return new Result(ResultStatus.DIVERGED, null, null, message);
        }
    }

    /** The trainer failed; the message says why, for a person. */
    record Error(@JsonProperty("text") String message) implements TrainerEvent {}

    /** A line for the run's log. */
    record Log(@JsonProperty("text") String message) implements TrainerEvent {}

    /** How a run that ran to its end came out; a failure is an {@link Error} event instead. */
    enum ResultStatus {
        SUCCEEDED,
        /** The loss stopped being a finite number. */
        DIVERGED
    }
}
