package com.seqplay.task;

import com.seqplay.spec.RunSpec;
import java.util.Map;

/**
 * A specification with the fields its data suggests filled in, and why: each reason is keyed by
 * the specification field it explains ({@code "window"} -> "24: two detected seasons of 12"), so a
 * form can show it under that field.
 */
public record Proposal(RunSpec spec, Map<String, String> reasons) {
    public Proposal {
        reasons = Map.copyOf(reasons);
    }

    /** Nothing proposed: the specification as it was. */
    public static Proposal none(RunSpec spec) {
        return new Proposal(spec, Map.of());
    }
}
