package com.seqplay.engine.translation;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.layers.FusedLstm;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Our last-step vertex against DL4J's in the same network on the same weights: outputs, every
 * gradient and the configuration's round trip, for a time-major input (our LSTM's output) and a
 * 'c'-ordered one (DL4J's SimpleRnn), with a mask that includes a fully padded sequence.
 */
class LastStepVertexTest {

    @BeforeAll
    static void doublePrecision() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    private static ComputationGraph network(boolean ours, String layer) {
        GraphVertex last = ours ? new LastStepVertex("in") : new LastTimeStepVertex("in");
        ComputationGraph graph = new ComputationGraph(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).seed(3).updater(new NoOp()).weightInit(new NormalDistribution(0, 0.5))
                .graphBuilder()
                .addInputs("in")
                .setInputTypes(InputType.recurrent(3))
                .addLayer("rnn", layer.equals("fused")
                        ? new FusedLstm.Builder().nOut(4).build()
                        : new SimpleRnn.Builder().nOut(4).activation(Activation.TANH).build(), "in")
                .addVertex("last", last, "rnn")
                // the recurrent output feeds two vertices, so DL4J sums their gradients
                .addVertex("lastAgain", ours ? new LastStepVertex("in") : new LastTimeStepVertex("in"), "rnn")
                .addVertex("both", new FeatureConcatVertex(), "last", "lastAgain")
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nOut(2).build(), "both")
                .setOutputs("out")
                .build());
        graph.init();
        return graph;
    }

    @ParameterizedTest
    @ValueSource(strings = {"fused", "dl4j"})
    void equalsDl4jsVertexOnTheSameWeights(String layer) {
        ComputationGraph ours = network(true, layer);
        ComputationGraph theirs = network(false, layer);
        theirs.setParams(ours.params().dup());
        INDArray in = Nd4j.rand(DataType.DOUBLE, 4, 3, 5).subi(0.5);
        INDArray mask = Nd4j.createFromArray(new double[][] {
            {1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {0, 0, 0, 0, 0}, {1, 1, 1, 1, 0}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {1, 0}, {0, 1}});

        INDArray[] out = new INDArray[2];
        INDArray[] gradients = new INDArray[2];
        ComputationGraph[] nets = {ours, theirs};
        for (int i = 0; i < 2; i++) {
            out[i] = nets[i].output(false, new INDArray[] {in}, new INDArray[] {mask})[0];
            nets[i].setLayerMaskArrays(new INDArray[] {mask}, null);
            nets[i].setInputs(in);
            nets[i].setLabels(labels);
            nets[i].computeGradientAndScore();
            nets[i].clearLayerMaskArrays();
            gradients[i] = nets[i].getGradientsViewArray().dup();
        }
        assertThat(out[0].sub(out[1]).amaxNumber().doubleValue()).isLessThan(1e-12);
        assertThat(gradients[1].norm2Number().doubleValue()).isGreaterThan(0);
        assertThat(gradients[0].sub(gradients[1]).amaxNumber().doubleValue()).isLessThan(1e-12);
    }

    @org.junit.jupiter.api.Test
    void theConfigurationSurvivesJson() {
        ComputationGraph graph = network(true, "fused");
        String json = graph.getConfiguration().toJson();
        var back = org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(json);
        assertThat(back.getVertices().get("last")).isInstanceOf(LastStepVertex.class)
                .isEqualTo(graph.getConfiguration().getVertices().get("last"));
        assertThat(((LastStepVertex) back.getVertices().get("last")).getMaskArrayInputName()).isEqualTo("in");
        assertThat(back.getVertices().get("last").clone()).isEqualTo(back.getVertices().get("last"));
    }
}
