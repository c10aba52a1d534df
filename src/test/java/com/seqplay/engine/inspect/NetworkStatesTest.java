package com.seqplay.engine.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.engine.inference.LayerStates;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.engine.layers.FusedLstm;
import com.seqplay.engine.layers.FusedSimpleRnn;
import com.seqplay.engine.layers.GruLayer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The step-by-step recomputation against the layers' own forward pass, for our fused cells and
 * DL4J's, on float networks with fixed seeds (the recomputation runs in double, the layers in
 * float with a fast exponential, so they agree to about 1e-6).
 */
class NetworkStatesTest {
    private static final int VOCAB = 7;
    private static final int UNITS = 6;
    private static final int STEPS = 15;

    enum Cell {
        FUSED_LSTM("LSTM", (in, out) -> new FusedLstm.Builder().nIn(in).nOut(out).build()),
        FUSED_GRU("GRU", (in, out) -> new GruLayer.Builder().nIn(in).nOut(out).build()),
        FUSED_RNN("RNN", (in, out) -> new FusedSimpleRnn.Builder().nIn(in).nOut(out).build()),
        DL4J_LSTM("LSTM", (in, out) -> new LSTM.Builder().nIn(in).nOut(out).activation(Activation.TANH).build()),
        DL4J_SIMPLE_RNN("RNN", (in, out) -> new SimpleRnn.Builder().nIn(in).nOut(out).activation(Activation.TANH).build());

        final String name;
        final BiFunction<Integer, Integer, Layer> layer;

        Cell(String name, BiFunction<Integer, Integer, Layer> layer) {
            this.name = name;
            this.layer = layer;
        }
    }

    static MultiLayerNetwork network(BiFunction<Integer, Integer, Layer> layer, long seed) {
        var conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER).biasInit(0.3).list()
                .layer(layer.apply(VOCAB, UNITS))
                .layer(layer.apply(UNITS, UNITS))
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                        .nIn(UNITS).nOut(VOCAB).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // scale the weights up so that gates leave 0.5 and the state saturates somewhere
        net.setParams(net.params().mul(2.5));
        return net;
    }

    static int[] tokens(long seed) {
        Random random = new Random(seed);
        int[] ids = new int[STEPS];
        for (int t = 0; t < STEPS; t++) {
            ids[t] = random.nextInt(VOCAB);
        }
        return ids;
    }

    static List<String> names(int[] ids) {
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add(String.valueOf((char) ('a' + id)));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Cell.class)
    void the_hidden_state_recomputed_step_by_step_is_the_layers_own_output(Cell cell) {
        MultiLayerNetwork net = network(cell.layer, 42);
        int[] ids = tokens(7);
        INDArray input = Inspector.oneHot(ids, VOCAB);

        List<LayerStates> layers = NetworkStates.of(net, input, names(ids));

        List<INDArray> own = net.feedForward(input, false);
        assertThat(layers).hasSize(2);
        for (int k = 0; k < 2; k++) {
            LayerStates states = layers.get(k);
            assertThat(states.cell()).isEqualTo(cell.name);
            assertThat(states.layer()).isEqualTo("layer " + (k + 1));
            assertThat(states.steps()).isEqualTo(names(ids));
            float[][] hidden = states.states().get(LayerStates.HIDDEN);
            double[][] expected = own.get(k + 1).get(org.nd4j.linalg.indexing.NDArrayIndex.point(0))
                    .transpose().castTo(DataType.DOUBLE).toDoubleMatrix(); // [step][unit]
            assertThat(hidden).hasNumberOfRows(STEPS);
            double largest = 0;
            for (int t = 0; t < STEPS; t++) {
                for (int j = 0; j < UNITS; j++) {
                    assertThat((double) hidden[t][j]).as("layer %d step %d unit %d", k + 1, t, j)
                            .isCloseTo(expected[t][j], within(1e-5));
                    largest = Math.max(largest, Math.abs(expected[t][j]));
                }
            }
            assertThat(largest).as("the test compares states that are not all near 0").isGreaterThan(0.3);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Cell.class, names = {"FUSED_LSTM", "FUSED_GRU", "DL4J_LSTM"})
    void gates_lie_between_zero_and_one_and_use_the_whole_range(Cell cell) {
        MultiLayerNetwork net = network(cell.layer, 3);
        int[] ids = tokens(11);
        List<LayerStates> layers = NetworkStates.of(net, Inspector.oneHot(ids, VOCAB), names(ids));
        List<String> gates = cell.name.equals("LSTM")
                ? List.of(LayerStates.INPUT, LayerStates.FORGET, LayerStates.OUTPUT)
                : List.of(LayerStates.UPDATE, LayerStates.RESET);
        for (LayerStates layer : layers) {
            assertThat(layer.states()).containsKeys(gates.toArray(String[]::new));
            for (String gate : gates) {
                double min = 1;
                double max = 0;
                for (float[] step : layer.states().get(gate)) {
                    assertThat(step).hasSize(UNITS);
                    for (float v : step) {
                        assertThat(v).as(gate).isBetween(0f, 1f);
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                assertThat(max - min).as("%s varies over steps and units", gate).isGreaterThan(0.1);
            }
        }
    }

    @Test
    void an_lstm_shows_its_output_gate_times_the_squashed_cell_as_hidden_state() {
        MultiLayerNetwork net = network(Cell.FUSED_LSTM.layer, 5);
        int[] ids = tokens(5);
        LayerStates first = NetworkStates.of(net, Inspector.oneHot(ids, VOCAB), names(ids)).get(0);
        float[][] h = first.states().get(LayerStates.HIDDEN);
        float[][] c = first.states().get(LayerStates.CELL);
        float[][] o = first.states().get(LayerStates.OUTPUT);
        for (int t = 0; t < STEPS; t++) {
            for (int j = 0; j < UNITS; j++) {
                assertThat((double) h[t][j]).isCloseTo(o[t][j] * Math.tanh(c[t][j]), within(1e-6));
            }
        }
    }

    @Test
    void a_plain_rnn_shows_only_its_hidden_state() {
        MultiLayerNetwork net = network(Cell.FUSED_RNN.layer, 5);
        int[] ids = tokens(5);
        LayerStates first = NetworkStates.of(net, Inspector.oneHot(ids, VOCAB), names(ids)).get(0);
        assertThat(first.states()).containsOnlyKeys(LayerStates.HIDDEN);
        assertThat(first.units()).isEqualTo(UNITS);
    }

    @Test
    void a_graves_lstm_is_refused_by_name() {
        MultiLayerNetwork net = network((in, out) -> new GravesLSTM.Builder().nIn(in).nOut(out).build(), 1);
        int[] ids = tokens(1);
        assertThatThrownBy(() -> NetworkStates.of(net, Inspector.oneHot(ids, VOCAB), names(ids)))
                .isInstanceOf(PredictionException.class)
                .hasMessageContaining("layer 1")
                .hasMessageContaining("GravesLSTM");
    }

    @Test
    void an_answer_too_large_is_refused_naming_the_input_and_the_steps_that_fit() {
        MultiLayerNetwork net = network(Cell.FUSED_LSTM.layer, 1);
        int steps = (int) (NetworkStates.MAX_VALUES / (2 * UNITS * 5)) + 1;
        int[] ids = new int[steps];
        assertThatThrownBy(() -> NetworkStates.of(net, Inspector.oneHot(ids, VOCAB), names(ids)))
                .isInstanceOf(PredictionException.class)
                .hasMessageStartingWith("input: ")
                .hasMessageContaining("at most " + (steps - 1) + " steps");
    }
}
