package com.seqplay.task;

/** A dataset that Seqplay generates itself from the run's seed: nothing is downloaded. */
public record BuiltinDataset(String id, String description) {
    public static final String PREFIX = "builtin:";
}
