package com.seqplay.events;

/** Where a trainer sends its events: the parent server (JSON lines) or a person's terminal. */
@FunctionalInterface
public interface EventSink {
    void emit(TrainerEvent event);
}
