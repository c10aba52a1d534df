package com.seqplay.run.history;

import com.seqplay.run.domain.Run;
import java.util.List;

/** One page of a runs list and how many runs match the query in all. */
public record RunPage(List<Run> runs, long total) {}
