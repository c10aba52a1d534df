package com.seqplay.engine.textgen;

import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean cross-entropy in nats per predicted character on held-out text, computed from the model's
 * probabilities directly, so that bits per character mean exactly what the literature means.
 */
final class HeldOutLoss {
    private HeldOutLoss() {}

    static double natsPerChar(MultiLayerNetwork net, List<DataSet> batches) {
        double total = 0;
        long count = 0;
        for (DataSet ds : batches) {
            net.rnnClearPreviousState();
            INDArray probs = net.output(ds.getFeatures(), false);
            // probability given to the true next character, at every step of every sequence
            INDArray truth = probs.mul(ds.getLabels()).sum(1);
            total -= Transforms.log(Transforms.max(truth, 1e-12), false).sumNumber().doubleValue();
            count += truth.length();
        }
        net.rnnClearPreviousState();
        return total / count;
    }
}
