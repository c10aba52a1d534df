package com.seqplay.spec;

/**
 * Makes a trainer fail on purpose at a given iteration, so that tests (and curious users) can see
 * how the platform records a crash.
 */
public record FaultInjection(FaultMode mode, Integer iteration) {}
