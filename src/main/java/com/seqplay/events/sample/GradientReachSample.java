package com.seqplay.events.sample;

import java.util.Objects;

/**
 * How far back the gradient of the last step's loss reaches.
 *
 * @param relativeNorm by distance in steps (index 0 = the last input): the gradient's size
 *     relative to distance 0; 0 where it was not a finite number
 */
public record GradientReachSample(double[] relativeNorm) implements SamplePayload {
    public static final String KIND = "gradient_reach";

    public GradientReachSample {
        Objects.requireNonNull(relativeNorm, "relativeNorm");
    }

    @Override
    public String kind() {
        return KIND;
    }
}
