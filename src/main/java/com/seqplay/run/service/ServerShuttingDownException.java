package com.seqplay.run.service;

/** The server is shutting down and takes no new work (a 503 in the API); it can be tried again once it is back. */
public class ServerShuttingDownException extends RuntimeException {
    public ServerShuttingDownException() {
        super("The server is shutting down and takes no new runs; try again once it is back.");
    }
}
