package com.seqplay.engine.forecasting;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Prediction intervals from the model's own errors, per horizon step. The spread of each step's
 * errors on the training windows is known well (many windows) but is too optimistic (the model saw
 * them); the validation windows are honest but few on a short series. So each step's training
 * spread is scaled by how much larger the errors are on validation, over all steps together (at
 * least 1), and the interval is that spread times the normal quantile of {@link #LEVEL}, in the
 * model's (possibly logarithmic) units: on a log scale the interval widens with the level.
 */
final class Intervals {
    /** Nominal coverage of the intervals. */
    static final double LEVEL = 0.8;
    /** The normal distribution's 90% quantile: +-z holds 80%. */
    static final double Z = 1.2815515655446004;

    private Intervals() {}

    /** Half-widths per horizon step in the model's units. */
    static double[] halfWidths(List<MultiLayerNetwork> net, DataSet training, DataSet validation) {
        double[] trainSquares = squaredErrorsPerStep(net, training);
        int h = trainSquares.length;
        double[] half = new double[h];
        double trainTotal = 0;
        for (double v : trainSquares) {
            trainTotal += v;
        }
        double ratio = 1;
        if (validation.numExamples() > 0) {
            double validationTotal = 0;
            for (double v : squaredErrorsPerStep(net, validation)) {
                validationTotal += v;
            }
            ratio = trainTotal > 0 ? Math.max(1, Math.sqrt(validationTotal / trainTotal)) : 1;
        }
        for (int k = 0; k < h; k++) {
            half[k] = Z * Math.sqrt(trainSquares[k]) * ratio;
        }
        return half;
    }

    /** Mean squared error of each output step over these examples. */
    private static double[] squaredErrorsPerStep(List<MultiLayerNetwork> net, DataSet data) {
        INDArray error = ForecastModel.output(net, data.getFeatures()).sub(data.getLabels());
        INDArray mean = error.mul(error).mean(0);
        double[] out = new double[(int) mean.length()];
        for (int k = 0; k < out.length; k++) {
            out[k] = mean.getDouble(k);
        }
        return out;
    }
}
