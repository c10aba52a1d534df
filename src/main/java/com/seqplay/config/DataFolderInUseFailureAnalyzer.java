package com.seqplay.config;

import java.sql.SQLException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * H2 locks its database file while a server has it open; a second server on the same data folder
 * would otherwise stop with a page of nested bean errors ending in H2's "Database may be already
 * in use". This says what happened and what to do, in two lines.
 */
class DataFolderInUseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {
    /** H2's DATABASE_ALREADY_OPEN_1. */
    static final int DATABASE_ALREADY_OPEN = 90020;

    @Override
    protected FailureAnalysis analyze(Throwable root, SQLException cause) {
        if (cause.getErrorCode() != DATABASE_ALREADY_OPEN) {
            return null;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        int start = message.indexOf('"');
        int end = message.indexOf('"', start + 1);
        String file = start >= 0 && end > start ? message.substring(start + 1, end) : "the database file";
        return new FailureAnalysis("Another Seqplay server (or another program) holds this data folder: its database "
                + file + " is locked.", "Stop the other server first, or give this one a data folder of its own with"
                + " --seqplay.data-dir=PATH. Two servers never share one data folder.", cause);
    }
}
