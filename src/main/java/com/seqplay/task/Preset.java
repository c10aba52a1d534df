package com.seqplay.task;

import com.seqplay.spec.RunSpec;

/** A named starting point for a run: a completed specification with a sentence on what it shows. */
public record Preset(String name, String teaches, RunSpec spec) {}
