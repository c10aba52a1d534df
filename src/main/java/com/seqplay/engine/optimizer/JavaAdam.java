package com.seqplay.engine.optimizer;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's {@link Adam}, the same configuration and state (m, then v, in one view), with its update
 * computed by {@link JavaAdamUpdater} in one Java loop over the native memory instead of libnd4j's
 * Adam op, which took about 6 ns per parameter here (1.8 ms per iteration for the 306,000 parameters
 * of the default translation model, 7% of its training iteration). Networks saved with it name this
 * class; networks saved with DL4J's Adam keep loading with that one.
 */
public class JavaAdam extends Adam {

    /** DL4J's defaults (for reading saved configurations; their fields are then set by the setters). */
    public JavaAdam() {
        super();
    }

    public JavaAdam(double learningRate) {
        super(learningRate);
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        JavaAdamUpdater updater = new JavaAdamUpdater(this);
        INDArray flat = viewArray.reshape(viewArray.length());
        long[] gradientShape = flat.shape().clone();
        gradientShape[0] /= 2; // the view holds m and v
        updater.setStateViewArray(flat, gradientShape, flat.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        JavaAdamUpdater updater = new JavaAdamUpdater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public JavaAdam clone() {
        JavaAdam copy = new JavaAdam(getLearningRate());
        copy.setLearningRateSchedule(getLearningRateSchedule() == null ? null : getLearningRateSchedule().clone());
        copy.setBeta1(getBeta1());
        copy.setBeta2(getBeta2());
        copy.setEpsilon(getEpsilon());
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + 5;
    }
}
