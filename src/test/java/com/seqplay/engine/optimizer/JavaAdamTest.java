package com.seqplay.engine.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.engine.layers.FusedLstm;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * Our Adam against DL4J's on the same network, data and starting weights: after several updates
 * the parameters and both state halves (m and v, which sit in one view) are the same.
 */
class JavaAdamTest {

    private static MultiLayerNetwork network(IUpdater updater, DataType type) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(type).seed(7).updater(updater)
                .list()
                .layer(new FusedLstm.Builder().nIn(5).nOut(6).build())
                .layer(new FusedLstm.Builder().nIn(6).nOut(4).build())
                .layer(new RnnOutputLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(4).nOut(3).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void updatesEqualDl4jsAdam(DataType type) {
        ExponentialSchedule schedule = new ExponentialSchedule(ScheduleType.ITERATION, 0.01, 0.9);
        Adam theirs = new Adam(schedule);
        JavaAdam ours = new JavaAdam();
        ours.setLearningRateSchedule(schedule);
        MultiLayerNetwork a = network(ours, type);
        MultiLayerNetwork b = network(theirs, type);
        b.setParams(a.params().dup());
        assertThat(((BaseLayer) a.getLayer(0).conf().getLayer()).getIUpdater()).isInstanceOf(JavaAdam.class);
        INDArray in = Nd4j.rand(type, 4, 5, 7).subi(0.5);
        INDArray labels = Nd4j.zeros(type, 4, 3, 7);
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < 7; t++) {
                labels.putScalar(new int[] {i, (i + t) % 3, t}, 1.0);
            }
        }
        long before = JavaAdamUpdater.javaSteps();
        for (int step = 0; step < 6; step++) {
            a.fit(in, labels);
            b.fit(in, labels);
        }
        assertThat(JavaAdamUpdater.javaSteps() - before).as("updates done by the Java loop").isGreaterThanOrEqualTo(6);
        double tolerance = type == DataType.DOUBLE ? 1e-12 : 1e-5;
        INDArray pa = a.params();
        INDArray pb = b.params();
        assertThat(pa.sub(pb).amaxNumber().doubleValue() / pb.amaxNumber().doubleValue()).isLessThan(tolerance);
        INDArray sa = a.getUpdater().getStateViewArray();
        INDArray sb = b.getUpdater().getStateViewArray();
        assertThat(sa.sub(sb).amaxNumber().doubleValue() / sb.amaxNumber().doubleValue()).isLessThan(tolerance * 10);
        assertThat(pa.sub(network(ours, type).params()).amaxNumber().doubleValue()).isGreaterThan(1e-3); // it moved
    }

    @Test
    void theConfigurationSurvivesJsonAndCloning() {
        JavaAdam adam = new JavaAdam(0.005);
        adam.setBeta2(0.99);
        MultiLayerNetwork net = network(adam, DataType.FLOAT);
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        IUpdater read = ((BaseLayer) back.getConf(0).getLayer()).getIUpdater();
        assertThat(read).isInstanceOf(JavaAdam.class).isEqualTo(adam);
        assertThat(((JavaAdam) read).getBeta2()).isEqualTo(0.99);
        assertThat(adam.clone()).isInstanceOf(JavaAdam.class).isEqualTo(adam).isNotEqualTo(new Adam(0.005));
    }
}
