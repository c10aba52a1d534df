package com.seqplay.ui.inspect;

import com.seqplay.engine.inference.LayerStates;
import java.util.Optional;

/**
 * The signals a recurrent layer shows, in the order drawn, each with its title, colour scale and
 * a short explanation of what to look for.
 */
enum Signal {
    HIDDEN(LayerStates.HIDDEN, "Hidden state h", StateHeatmap.Scale.SIGNED,
            "What the layer hands on, to the layer above and to itself at the next step: everything the network "
            + "remembers of the input so far, squeezed into these units. Red is positive, blue negative; a unit "
            + "that keeps one colour across a stretch of input is holding on to something about it."),
    CELL(LayerStates.CELL, "Cell state c (LSTM)", StateHeatmap.Scale.SIGNED,
            "The LSTM's long-term memory. It changes only by what the forget gate erases and the input gate "
            + "writes, never by a squashing step, so a value can build up beyond ±1 and ride along unchanged "
            + "for many steps. That undisturbed path is why gradients reach further back than in a plain RNN."),
    FORGET(LayerStates.FORGET, "Forget gate f (LSTM)", StateHeatmap.Scale.GATE,
            "How much of its old cell value each unit keeps at this step. Near 1 the memory passes through "
            + "untouched; near 0 it is wiped. A pale vertical stripe means many units clear their memory at "
            + "that token, often after a space or a full stop."),
    INPUT(LayerStates.INPUT, "Input gate i (LSTM)", StateHeatmap.Scale.GATE,
            "How much of the new candidate value each unit writes into its cell. Near 0 the unit ignores the "
            + "token; near 1 it writes it in full. Units that open only at certain characters are detectors."),
    OUTPUT(LayerStates.OUTPUT, "Output gate o (LSTM)", StateHeatmap.Scale.GATE,
            "How much of the cell shows in the hidden state: h = o · tanh(c). With the output gate near 0 a unit "
            + "can keep a memory hidden in its cell and reveal it only when it becomes useful."),
    UPDATE(LayerStates.UPDATE, "Update gate z (GRU)", StateHeatmap.Scale.GATE,
            "The share of its old hidden value each unit keeps: h = z · h_old + (1 − z) · candidate. Near 1 the "
            + "unit carries its value across the step, near 0 it takes the candidate instead. It does the work "
            + "of the LSTM's forget and input gates with one number."),
    RESET(LayerStates.RESET, "Reset gate r (GRU)", StateHeatmap.Scale.GATE,
            "How much of the old hidden state the candidate may look at. Near 0 the unit proposes its new value "
            + "as if the input started at this token."),
    CANDIDATE(LayerStates.CANDIDATE, "Candidate n (GRU)", StateHeatmap.Scale.SIGNED,
            "The new value each unit proposes at this step, from the token and the (reset) old state; the update "
            + "gate then decides how much of it replaces the old value.");

    final String key;
    final String title;
    final StateHeatmap.Scale scale;
    final String explanation;

    Signal(String key, String title, StateHeatmap.Scale scale, String explanation) {
        this.key = key;
        this.title = title;
        this.scale = scale;
        this.explanation = explanation;
    }

    static Optional<Signal> of(String key) {
        for (Signal s : values()) {
            if (s.key.equals(key)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** A plain RNN's hidden state is all it has: the explanation says what that costs. */
    String explanation(String cell) {
        if (this == HIDDEN && "RNN".equals(cell)) {
            return explanation + " A plain RNN has no gates: each step squashes the old state and the new input "
                    + "together, so what it saw a few steps ago fades quickly.";
        }
        return explanation;
    }
}
