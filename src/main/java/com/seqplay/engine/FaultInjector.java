package com.seqplay.engine;

import com.seqplay.spec.FaultInjection;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.optimize.listeners.FailureTestingListener;

/** Turns a specification's {@code faultInjection} into DL4J's failure-testing listener. */
final class FaultInjector {
    private FaultInjector() {}

    static TrainingListener listener(FaultInjection fault) {
        var mode = switch (fault.mode()) {
            case NAN -> null;
            case EXIT -> FailureTestingListener.FailureMode.SYSTEM_EXIT_1;
            case OOM -> FailureTestingListener.FailureMode.OOM;
            case HANG -> FailureTestingListener.FailureMode.INFINITE_SLEEP;
            case EXCEPTION -> FailureTestingListener.FailureMode.ILLEGAL_STATE;
        };
        if (mode == null) {
            return new ParameterPoison(fault.iteration());
        }
        return new FailureTestingListener(mode, new FailureTestingListener.IterationEpochTrigger(false, fault.iteration()));
    }

    /** Writes NaN into one weight, as an overflow would: the next loss is NaN and the run must end DIVERGED. */
    private static final class ParameterPoison extends BaseTrainingListener {
        private final int atIteration;
        private int seen;

        ParameterPoison(int atIteration) {
            this.atIteration = atIteration;
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            if (++seen == atIteration) {
                model.params().putScalar(0, Double.NaN);
            }
        }
    }
}
