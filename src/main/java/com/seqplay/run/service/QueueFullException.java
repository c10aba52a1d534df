package com.seqplay.run.service;

/** The user already has as many runs waiting as {@code seqplay.queue.max-queued-per-user} allows (a 429 in the API). */
public class QueueFullException extends RuntimeException {
    public QueueFullException(String message) {
        super(message);
    }
}
