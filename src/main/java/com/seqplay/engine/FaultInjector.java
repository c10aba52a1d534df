package com.seqplay.engine;

import com.seqplay.spec.FaultInjection;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.listeners.FailureTestingListener;

/** Turns a specification's {@code faultInjection} into DL4J's failure-testing listener. */
final class FaultInjector {
    private FaultInjector() {}

    static TrainingListener listener(FaultInjection fault) {
        var mode = switch (fault.mode()) {
            case "exit" -> FailureTestingListener.FailureMode.SYSTEM_EXIT_1;
            case "oom" -> FailureTestingListener.FailureMode.OOM;
            case "hang" -> FailureTestingListener.FailureMode.INFINITE_SLEEP;
            default -> FailureTestingListener.FailureMode.ILLEGAL_STATE;
        };
        return new FailureTestingListener(mode, new FailureTestingListener.IterationEpochTrigger(false, fault.iteration()));
    }
}
