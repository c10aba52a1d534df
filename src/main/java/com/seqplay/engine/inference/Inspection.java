package com.seqplay.engine.inference;

import java.util.List;

/**
 * The inside of a model on one input: each recurrent layer's states per step, bottom layer first.
 * For translation also the greedy translation ({@code outputTokens}) that drove the decoder, the
 * source tokens, and the attention weights: one row per output token, one column per source
 * token (null for a model without attention or another task).
 */
public record Inspection(List<LayerStates> layers, List<String> sourceTokens, List<String> outputTokens,
        double[][] attention) {
    public static Inspection of(List<LayerStates> layers) {
        return new Inspection(layers, null, null, null);
    }
}
