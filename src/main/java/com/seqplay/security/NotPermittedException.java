package com.seqplay.security;

/** The current user may not do this (a 403 in the API, a message in the UI). */
public class NotPermittedException extends RuntimeException {
    public NotPermittedException(String message) {
        super(message);
    }
}
