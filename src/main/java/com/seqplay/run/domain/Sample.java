package com.seqplay.run.domain;

import java.time.Instant;

/** What the model produced after an epoch: generated text, translations or a forecast. */
public record Sample(String kind, int epoch, String content, Instant time) {}
