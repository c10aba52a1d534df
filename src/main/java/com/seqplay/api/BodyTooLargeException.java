package com.seqplay.api;

import java.io.IOException;

/** A request body went past its limit while it was being read; {@link ApiErrors} makes it a 413. */
public class BodyTooLargeException extends IOException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
