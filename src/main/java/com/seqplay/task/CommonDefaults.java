package com.seqplay.task;

/**
 * The common fields whose defaults differ by task, chosen so that each task learns on its first
 * built-in dataset within a few minutes on two CPU cores.
 */
public record CommonDefaults(int epochs, int layers, int hiddenSize, int batchSize) {}
