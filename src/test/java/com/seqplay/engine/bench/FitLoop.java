package com.seqplay.engine.bench;

import com.seqplay.engine.NetworkBuilder;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Not a unit test: fits the bench reference model in a loop, for a sampling profiler. Args: cell iterations. */
public final class FitLoop {
    private FitLoop() {
    }

    public static void main(String[] args) {
        String cell = args.length > 0 ? args[0] : "rnn";
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        RunSpec spec = SpecValidator.complete(SpecJson.parse("""
                {"task":"textgen","cell":"%s","layers":2,"hiddenSize":256,"sequenceLength":100,"batchSize":32,
                 "clipping":{"mode":"none"},"learningRate":0.001}""".formatted(cell)));
        MultiLayerNetwork net = NetworkBuilder.sequenceClassifier(spec, 98, 98);
        DataSet ds = IterationProfile.randomBatch(32, 98, 100, new Random(1));
        for (int i = 0; i < iterations; i++) {
            net.fit(ds);
        }
    }
}
