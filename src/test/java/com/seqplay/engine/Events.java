package com.seqplay.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.SamplePayload;
import java.util.List;

/** Picks events out of what a trainer emitted, for the engine's tests. */
public final class Events {
    private Events() {}

    public static <T extends TrainerEvent> List<T> of(List<TrainerEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The points of one metric, in order. */
    public static List<TrainerEvent.Metric> metric(List<TrainerEvent> events, String name) {
        return of(events, TrainerEvent.Metric.class).stream().filter(m -> m.name().equals(name)).toList();
    }

    public static List<Double> values(List<TrainerEvent> events, String name) {
        return metric(events, name).stream().map(TrainerEvent.Metric::value).toList();
    }

    /** The sample events of one kind, in order. */
    public static List<TrainerEvent.Sample> samples(List<TrainerEvent> events, String kind) {
        return of(events, TrainerEvent.Sample.class).stream().filter(s -> s.kind().equals(kind)).toList();
    }

    /** The payloads of one type, in order. */
    public static <T extends SamplePayload> List<T> payloads(List<TrainerEvent> events, Class<T> type) {
        return of(events, TrainerEvent.Sample.class).stream().map(TrainerEvent.Sample::payload)
                .filter(type::isInstance).map(type::cast).toList();
    }

    public static List<String> logs(List<TrainerEvent> events) {
        return of(events, TrainerEvent.Log.class).stream().map(TrainerEvent.Log::message).toList();
    }

    /** The last event, which must be the result. */
    public static TrainerEvent.Result result(List<TrainerEvent> events) {
        assertThat(events).isNotEmpty();
        assertThat(events.get(events.size() - 1)).isInstanceOf(TrainerEvent.Result.class);
        return (TrainerEvent.Result) events.get(events.size() - 1);
    }
}
