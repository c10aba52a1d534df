package com.seqplay.engine.inference;

import java.util.List;
import java.util.Map;

/**
 * What one recurrent layer did with an input, step by step: {@code steps} names the token read at
 * each step, and each entry of {@code states} (see {@link #HIDDEN} and the other names) holds one
 * vector of {@code units} values per step, {@code [step][unit]}. Floats, because the model computes
 * in float and the answer stays half the size.
 *
 * @param layer the layer's name in the model, such as "layer 1" or "encoder 2"
 * @param cell  "LSTM", "GRU" or "RNN"
 */
public record LayerStates(String layer, String cell, int units, List<String> steps, Map<String, float[][]> states) {
    /** The layer's output h_t (every cell). */
    public static final String HIDDEN = "hidden";
    /** LSTM: the cell state c_t, the memory the gates write to. */
    public static final String CELL = "cell";
    /** LSTM: how much of the new candidate is written to the cell. */
    public static final String INPUT = "input";
    /** LSTM: how much of the old cell state is kept. */
    public static final String FORGET = "forget";
    /** LSTM: how much of the cell state is shown as the hidden state. */
    public static final String OUTPUT = "output";
    /** GRU: the share of the old hidden state kept (1 keeps it all). */
    public static final String UPDATE = "update";
    /** GRU: how much of the old hidden state the candidate sees. */
    public static final String RESET = "reset";
    /** GRU: the proposed new hidden state, before the update gate mixes it with the old one. */
    public static final String CANDIDATE = "candidate";
}
