package com.seqplay.run.inference;

import com.seqplay.spec.InvalidSpecException;

/**
 * What the server accepts as the input of an inside view. The answer holds every unit of every
 * layer at every step (a 256-unit two-layer LSTM shows 2,560 values per step), so the input, not
 * the units, is what is kept short: {@value #MAX_INPUT} characters are a sentence or two, as much
 * as a heatmap can show one column per step of. The worker refuses any answer that would still be
 * too large (a very wide model) with the number of steps that would fit.
 */
public final class InspectionLimits {
    public static final int MAX_INPUT = 300;

    private InspectionLimits() {}

    /** @throws InvalidSpecException naming {@code input} if it is missing, empty or too long */
    public static void check(String input) {
        if (input == null || input.isEmpty()) {
            throw new InvalidSpecException("input", "is missing: give the text to run the model on, for example "
                    + "{\"input\": \"the \"}");
        }
        int length = input.codePointCount(0, input.length());
        if (length > MAX_INPUT) {
            throw new InvalidSpecException("input", "is " + length + " characters long; the inside view reads at most "
                    + MAX_INPUT);
        }
    }
}
