package com.seqplay.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One thing a trainer reports to whoever started it: a metric point, a sample, progress, a
 * checkpoint, the final result or an error. Events travel as JSON lines ({@link EventCodec}), so the
 * trainer makes no assumption about running on the server's machine.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainerEvent(
        Type type,
        String name,
        Long step,
        Integer epoch,
        Double value,
        String text,
        Long totalSteps,
        String status,
        Map<String, Double> metrics,
        Map<String, Double> baselines,
        String backend,
        String device) {

    public enum Type { STARTED, METRIC, SAMPLE, PROGRESS, CHECKPOINT, RESULT, ERROR, LOG }

    public static TrainerEvent started(String backend, String device) {
        return new TrainerEvent(Type.STARTED, null, null, null, null, null, null, null, null, null, backend, device);
    }

    public static TrainerEvent metric(String name, long step, int epoch, double value) {
        return new TrainerEvent(Type.METRIC, name, step, epoch, value, null, null, null, null, null, null, null);
    }

    /** A sample of what the model produces now; {@code name} says which kind (text, translation, forecast). */
    public static TrainerEvent sample(String kind, int epoch, String text) {
        return new TrainerEvent(Type.SAMPLE, kind, null, epoch, null, text, null, null, null, null, null, null);
    }

    public static TrainerEvent progress(long step, long totalSteps, int epoch) {
        return new TrainerEvent(Type.PROGRESS, null, step, epoch, null, null, totalSteps, null, null, null, null, null);
    }

    public static TrainerEvent checkpoint(String path, int epoch) {
        return new TrainerEvent(Type.CHECKPOINT, null, null, epoch, null, path, null, null, null, null, null, null);
    }

    /** The final outcome: {@code SUCCEEDED} or {@code DIVERGED}, with final metrics and baselines. */
    public static TrainerEvent result(String status, Map<String, Double> metrics, Map<String, Double> baselines,
            String message) {
        return new TrainerEvent(Type.RESULT, null, null, null, null, message, null, status, metrics, baselines, null, null);
    }

    public static TrainerEvent error(String message) {
        return new TrainerEvent(Type.ERROR, null, null, null, null, message, null, null, null, null, null, null);
    }

    public static TrainerEvent log(String message) {
        return new TrainerEvent(Type.LOG, null, null, null, null, message, null, null, null, null, null, null);
    }
}
