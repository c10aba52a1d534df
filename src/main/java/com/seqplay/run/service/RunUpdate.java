package com.seqplay.run.service;

import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.Sample;
import java.util.List;

/**
 * Something new about a run, pushed to whoever watches it (an open Run page, the Runs list).
 * {@code run} is the run's row as stored after the change; points or sample are what was added.
 */
public record RunUpdate(long runId, Run run, List<MetricPoint> points, Sample sample) {}
