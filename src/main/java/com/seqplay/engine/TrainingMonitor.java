package com.seqplay.engine;

import com.seqplay.engine.clipping.ClippingWatch;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.RunSpec;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Reports the training loss, the gradient norm before clipping, whether clipping acted, and
 * progress after every iteration; applies global-norm clipping; and stops a run whose loss is no
 * longer a finite number (it would only produce NaN from then on). Every task trains with it.
 */
public final class TrainingMonitor extends BaseTrainingListener implements StepCounter {
    private final EventSink sink;
    private final long totalSteps;
    private final int stepsPerSequence;
    private final ClippingWatch clipping;
    private long step;
    private int epoch = 1;

    /**
     * @param stepsPerSequence DL4J's score sums the loss over the time steps of one (truncated)
     *     sequence; dividing by it reports the mean loss per predicted step, comparable across lengths
     */
    public TrainingMonitor(EventSink sink, RunSpec spec, long totalSteps, int stepsPerSequence) {
        this.sink = sink;
        this.clipping = new ClippingWatch(spec.clippingMode(), spec.clipping().threshold());
        this.totalSteps = totalSteps;
        this.stepsPerSequence = stepsPerSequence;
    }

    @Override
    public void startEpoch(int epoch) {
        this.epoch = epoch;
    }

    /** The epoch the current iterations belong to. */
    public int epoch() {
        return epoch;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public void continueFrom(long step) {
        this.step = step;
    }

    @Override
    public void onGradientCalculation(Model model) {
        clipping.onGradientCalculation(model);
    }

    @Override
    public void iterationDone(Model model, int iteration, int dl4jEpoch) {
        step++;
        double loss = model.score() / stepsPerSequence;
        if (!Double.isFinite(loss)) {
            throw new DivergedException(step, loss);
        }
        sink.emit(new TrainerEvent.Metric("train_loss", step, epoch, loss));
        sink.emit(new TrainerEvent.Metric("grad_norm", step, epoch, clipping.lastNorm()));
        sink.emit(new TrainerEvent.Metric("clipped", step, epoch, clipping.lastClipped() ? 1 : 0));
        sink.emit(new TrainerEvent.Progress(step, totalSteps, epoch));
    }
}
