package com.seqplay.run.service;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs left RUNNING by an earlier server have nobody following them: they become INTERRUPTED,
 * and any trainer of theirs still alive is stopped. Running it again changes nothing more.
 */
@Component
class RunRecovery {
    private static final Logger log = LoggerFactory.getLogger(RunRecovery.class);
    static final String REASON = "The server stopped while this run was training (its trainer was stopped too).";
    private final RunRepository runs;
    private final Clock clock;

    RunRecovery(RunRepository runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    void recover() {
        for (long[] idAndPid : runs.runningPids()) {
            ProcessHandle.of(idAndPid[1])
                    .filter(p -> isOurTrainer(p, idAndPid[0]))
                    .ifPresent(p -> {
                        log.warn("stopping trainer {} left behind by run {}", idAndPid[1], idAndPid[0]);
                        p.destroyForcibly();
                    });
        }
        int n = runs.interruptAllRunning(REASON, clock.instant());
        if (n > 0) {
            log.warn("{} run(s) were left running by an earlier server and are now INTERRUPTED", n);
        }
    }

    /** Pids are reused: only a process whose command line names this run is ours to stop. */
    private static boolean isOurTrainer(ProcessHandle p, long runId) {
        return p.info().commandLine().map(c -> c.contains("-Dseqplay.run=" + runId + " ")).orElse(false);
    }
}
