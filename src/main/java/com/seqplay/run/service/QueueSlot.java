package com.seqplay.run.service;

/**
 * Where a queued run stands: its place in the order the scheduler would start the queue now
 * (1 is next), and why it is not training yet, in the user's words.
 */
public record QueueSlot(int position, String waitingFor) {}
