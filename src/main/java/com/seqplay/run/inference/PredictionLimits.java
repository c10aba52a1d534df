package com.seqplay.run.inference;

import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.spec.InvalidSpecException;

/**
 * Sizes the server refuses before a request reaches the inference worker: they bound the memory
 * and time one request can take. The models check their own, finer limits (a forecast's window,
 * a beam's width).
 */
public final class PredictionLimits {
    public static final int MAX_TEXT = 10_000;
    public static final int MAX_NUMBERS = 100_000;
    public static final int MAX_LENGTH = 10_000;
    public static final int MAX_STEPS = 10_000;

    private PredictionLimits() {}

    /** @throws InvalidSpecException naming the field that is too large */
    public static void check(PredictRequest request) {
        if (request.text() != null && request.text().length() > MAX_TEXT) {
            throw new InvalidSpecException("input", "is " + request.text().length() + " characters long; at most "
                    + MAX_TEXT + " are accepted");
        }
        if (request.numbers() != null && request.numbers().size() > MAX_NUMBERS) {
            throw new InvalidSpecException("input", "has " + request.numbers().size() + " numbers; at most "
                    + MAX_NUMBERS + " are accepted");
        }
        if (request.length() != null && request.length() > MAX_LENGTH) {
            throw new InvalidSpecException("length", "must be at most " + MAX_LENGTH + ", not " + request.length());
        }
        if (request.steps() != null && request.steps() > MAX_STEPS) {
            throw new InvalidSpecException("steps", "must be at most " + MAX_STEPS + ", not " + request.steps());
        }
    }
}
