package com.seqplay.spec;

import java.util.List;

/**
 * Named starting points offered by the New Run form. Each one fills every field and is chosen
 * to make one idea visible (long-range memory, the bottleneck, attention, clipping...).
 */
public final class Presets {
    private Presets() {}

    public static List<Preset> forTask(TaskType task) {
        return switch (task) {
            case TEXTGEN -> List.of(
                    preset("Long-range agreement (LSTM)", "The verb must agree with a subject 8 words back: "
                            + "gates carry the number across the clause.", """
                            {"task":"textgen","cell":"lstm","dataset":"builtin:agreement","reach":8}"""),
                    preset("Long-range agreement (plain RNN)", "Same data with a plain RNN: watch its gradient norm "
                            + "and its agreement errors; the memory fades step by step.", """
                            {"task":"textgen","cell":"rnn","dataset":"builtin:agreement","reach":8}"""),
                    preset("Nested brackets (GRU)", "Every bracket opened must be closed in order: a counter "
                            + "kept in the hidden state.", """
                            {"task":"textgen","cell":"gru","dataset":"builtin:brackets","reach":6}"""),
                    preset("Exploding gradients (no clipping)", "A large learning rate and no clipping: the "
                            + "gradient norm spikes; compare with the same run clipped.", """
                            {"task":"textgen","cell":"rnn","dataset":"builtin:agreement","learningRate":0.05,
                             "clipping":{"mode":"none"}}"""));
            case TRANSLATION -> List.of(
                    preset("Dates with attention", "The decoder looks back at every source character: see "
                            + "the attention map line up day, month and year.", """
                            {"task":"translation","cell":"lstm","dataset":"builtin:dates","attention":true}"""),
                    preset("Dates without attention (bottleneck)", "The whole source squeezed into one vector: "
                            + "accuracy drops as inputs get longer.", """
                            {"task":"translation","cell":"lstm","dataset":"builtin:dates","attention":false}"""),
                    preset("Number words (GRU)", "Three hundred and twelve becomes 312, with a GRU encoder-decoder.", """
                            {"task":"translation","cell":"gru","dataset":"builtin:numbers","attention":true}"""));
            case FORECASTING -> List.of(
                    preset("Seasonal series (LSTM)", "Trend, a daily-like season and noise: the network must beat "
                            + "the seasonal-naive forecast.", """
                            {"task":"forecasting","cell":"lstm","dataset":"builtin:seasonal"}"""),
                    preset("Mackey-Glass chaos (GRU)", "A chaotic series: good short-term forecasts, errors that "
                            + "grow with the horizon.", """
                            {"task":"forecasting","cell":"gru","dataset":"builtin:mackey-glass"}"""));
        };
    }

    private static Preset preset(String name, String teaches, String json) {
        return new Preset(name, teaches, SpecDefaults.complete(SpecJson.parse(json)));
    }
}
