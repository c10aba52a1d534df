package com.seqplay.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link LabSetupException} into Spring Boot's short "APPLICATION FAILED TO START" report, without a stack trace. */
class LabSetupFailureAnalyzer extends AbstractFailureAnalyzer<LabSetupException> {
    @Override
    protected FailureAnalysis analyze(Throwable root, LabSetupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
