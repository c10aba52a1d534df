package com.seqplay.engine.memory;

import com.seqplay.engine.NetworkBuilder;
import com.seqplay.spec.RunSpec;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The memory probe's network: the specification's recurrent stack reads the whole sequence, and a
 * softmax over the alphabet reads only its state at the query (the last step), so the answer must
 * have been carried there. Gradients flow back through the whole sequence (full BPTT).
 */
final class MemoryNetwork {
    private MemoryNetwork() {}

    static MultiLayerNetwork build(RunSpec spec, int vocabulary, int alphabet) {
        var list = NetworkBuilder.base(spec).list();
        int in = vocabulary;
        for (int i = 0; i < spec.layers(); i++) {
            Layer layer = NetworkBuilder.recurrent(spec, in, spec.hiddenSize());
            list.layer(i == spec.layers() - 1 ? new LastTimeStep(layer) : layer);
            in = spec.hiddenSize();
        }
        list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .activation(Activation.SOFTMAX).nIn(in).nOut(alphabet).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }
}
