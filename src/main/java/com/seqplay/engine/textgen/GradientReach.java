package com.seqplay.engine.textgen;

import com.seqplay.engine.layers.InputGradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How far back the gradient reaches: the loss at the last step of a sequence is backpropagated
 * through time to every input step, and the size of that gradient is measured per distance.
 * A curve that drops by orders of magnitude within a few steps is the vanishing gradient: the
 * model cannot learn what far-back inputs meant. Gates (LSTM, GRU) flatten the curve.
 */
final class GradientReach {
    private GradientReach() {}

    /**
     * @return for each distance d = 0..T-1 from the last step, the mean norm of d(loss at the last
     *     step)/d(input at step T-1-d), divided by the norm at distance 0
     */
    static double[] measure(MultiLayerNetwork net, DataSet batch) {
        INDArray features = batch.getFeatures();
        long mb = features.size(0);
        int steps = (int) features.size(2);
        INDArray labelMask = Nd4j.zeros(DataType.FLOAT, mb, steps);
        labelMask.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(steps - 1))
                .assign(1);
        net.rnnClearPreviousState();
        INDArray inputGradient;
        try {
            // the first layer skips its input gradient in training (InputGradient); here it is the point
            inputGradient = InputGradient.computing(net,
                    () -> net.calculateGradients(features, batch.getLabels(), null, labelMask).getSecond());
        } finally {
            // calculateGradients leaves the masks on the layers; the next fit would reuse them.
            net.clearLayerMaskArrays();
            net.rnnClearPreviousState();
        }
        // norm over the input dimension for each example and step: [mb, T]
        INDArray norms = inputGradient.norm2(1);
        double[] perStep = norms.mean(0).toDoubleVector();
        double last = perStep[steps - 1];
        double[] byDistance = new double[steps];
        for (int d = 0; d < steps; d++) {
            byDistance[d] = last > 0 ? perStep[steps - 1 - d] / last : 0;
        }
        return byDistance;
    }
}
