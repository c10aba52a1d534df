package com.seqplay.run.domain;

import java.time.Instant;

/** One value of one named series (train_loss, bpc, ...) at a training step. */
public record MetricPoint(String name, long step, int epoch, double value, Instant time) {}
