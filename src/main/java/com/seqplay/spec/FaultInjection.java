package com.seqplay.spec;

/**
 * Makes a trainer fail on purpose at a given iteration, so that tests (and curious users) can see
 * how the platform records a crash. Modes: {@code exception}, {@code exit}, {@code oom}, {@code hang},
 * and {@code nan} (a weight becomes NaN, as after an overflow).
 */
public record FaultInjection(String mode, Integer iteration) {}
