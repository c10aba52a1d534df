package com.seqplay.engine.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.engine.DataSets;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.forecasting.ForecastingTask;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training batches and evaluation passes cut from row ranges ({@link ForecastModel#batches})
 * change nothing: the training batches are DL4J's {@code batchBy} batches exactly, and the errors
 * that size the intervals, taken batch by batch, are those of one pass over every window, window by
 * window, up to float rounding.
 */
class BatchedEvaluationTest {
    private static ForecastModel model;

    @BeforeAll
    static void build() {
        model = seasonalModel(2000, 16, 48, 12, 1400, 1600);
        // an untrained network forecasts zero corrections; random output weights make the errors differ per window
        MultiLayerNetwork net = model.nets.get(0);
        Nd4j.getRandom().setSeed(11);
        var w = net.getLayer(net.getnLayers() - 1).getParam("W");
        w.assign(Nd4j.randn(DataType.FLOAT, w.shape()));
    }

    /** An untrained model of builtin:seasonal (season 24, seed 3) with this split. */
    private static ForecastModel seasonalModel(int size, int hidden, int window, int horizon, int trainEnd, int end) {
        RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"builtin:seasonal","builtinSize":%d,"hiddenSize":%d,
                 "window":%d,"horizon":%d,"period":24,"seed":3}""".formatted(size, hidden, window, horizon)));
        double[] values = ForecastingTask.builtinSeries("builtin:seasonal", size, 3).values();
        return ForecastModel.build(spec, values, trainEnd, end, 24);
    }

    @Test
    void batches_hold_the_examples_of_batch_by_in_the_same_order() {
        DataSet data = model.training.copy();
        data.shuffle(5);
        assertThat(data.numExamples()).isGreaterThan(ForecastModel.EVAL_BATCH).isNotZero();
        List<DataSet> ours = ForecastModel.batches(data, 64);
        List<DataSet> dl4j = data.batchBy(64);
        assertThat(ours).hasSameSizeAs(dl4j);
        assertThat(data.numExamples() % 64).as("a smaller last batch is covered").isNotZero();
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i).getFeatures()).as("batch %d features", i).isEqualTo(dl4j.get(i).getFeatures());
            assertThat(ours.get(i).getLabels()).as("batch %d labels", i).isEqualTo(dl4j.get(i).getLabels());
        }
    }

    @Test
    void errors_taken_batch_by_batch_are_those_of_one_pass_over_every_window_up_to_float_rounding() {
        DataSet data = model.training;
        assertThat(data.numExamples()).isGreaterThan(2 * ForecastModel.EVAL_BATCH);
        double[][] batched = Intervals.errors(model.nets, data);
        double[][] onePass = onePassErrors(data);
        assertThat(batched.length).isEqualTo(onePass.length);
        double spread = 0;
        for (int i = 0; i < onePass.length; i++) {
            assertThat(batched[i].length).isEqualTo(onePass[i].length);
            for (int k = 0; k < onePass[i].length; k++) {
                // BLAS rounds products of different batch sizes differently: a few float32 ulps at most
                assertThat(batched[i][k]).as("window %d, step %d", i, k)
                        .isCloseTo(onePass[i][k], within(1e-5 * Math.max(1, Math.abs(onePass[i][k]))));
                spread = Math.max(spread, Math.abs(onePass[i][k]));
            }
        }
        assertThat(spread).as("the errors are not all zero").isGreaterThan(0.1);
        double[] widths = Intervals.halfWidths(model.nets, data, model.recent);
        double[] onePassWidths = Intervals.halfWidths(onePass, onePassErrors(model.recent));
        for (int k = 0; k < widths.length; k++) {
            assertThat(widths[k]).isCloseTo(onePassWidths[k], within(1e-5 * onePassWidths[k]));
        }
    }

    @Test
    void a_sample_of_windows_is_distinct_rows_of_the_set_in_order_and_repeatable() {
        DataSet data = model.training;
        int n = data.numExamples();
        int most = n / 3;
        DataSet picked = DataSets.sample(data, most);
        assertThat(picked.numExamples()).isEqualTo(most);
        Set<Integer> hours = new HashSet<>();
        // each picked example is a row of the set, later than the one before (so no row twice)
        int row = -1;
        for (int i = 0; i < most; i++) {
            INDArray features = picked.getFeatures().slice(i);
            do {
                row++;
                assertThat(row).as("example %d is a later row of the set", i).isLessThan(n);
            } while (!data.getFeatures().slice(row).equals(features));
            assertThat(picked.getLabels().getRow(i)).as("example %d", i).isEqualTo(data.getLabels().getRow(row));
            hours.add(row % 24);
        }
        assertThat(DataSets.sample(data, most).getFeatures()).isEqualTo(picked.getFeatures());
        assertThat(DataSets.sample(data, n)).as("a set no larger than the limit is kept whole").isSameAs(data);
        // the windows are in time order, one step apart: every hour of the daily season is drawn
        // (every third window would see 8 of the 24)
        assertThat(hours).hasSize(24);
    }

    @Test
    void intervals_from_a_sample_of_half_the_windows_are_within_a_few_per_cent_of_those_from_all() {
        DataSet data = model.training;
        int n = data.numExamples();
        double[][] recent = Intervals.errors(model.nets, model.recent);
        double[] fromAll = Intervals.halfWidths(Intervals.errors(model.nets, data), recent);
        double[] fromSample = Intervals.halfWidths(Intervals.errors(model.nets, DataSets.sample(data, n / 2)), recent);
        for (int k = 0; k < fromAll.length; k++) {
            assertThat(fromSample[k]).as("step %d", k).isCloseTo(fromAll[k], within(0.06 * fromAll[k]));
        }
        assertThat(n).as("this model's set is below the limit, so the trainer uses all of it")
                .isLessThanOrEqualTo(Intervals.SHAPE_WINDOWS);
        assertThat(Intervals.halfWidths(model.nets, data, model.recent)).containsExactly(fromAll);
    }

    @Test
    void intervals_and_loss_from_the_validation_errors_are_those_of_separate_passes() {
        // 9 validation windows: the latest windows take 15 training windows beside them
        ForecastModel model = seasonalModel(2000, 16, 48, 12, 1400, 1420);
        double[][] validationErrors = Intervals.errors(model.nets, model.validation);
        assertThat(model.recentTraining.numExamples()).as("this split tops the latest windows up with training ones")
                .isPositive();
        assertThat(model.recentTraining.numExamples() + model.validation.numExamples())
                .isEqualTo(model.recent.numExamples());
        double[] shared = Intervals.halfWidths(model.nets, model.training, model.recentTraining, validationErrors);
        double[] separate = Intervals.halfWidths(model.nets, model.training, model.recent);
        for (int k = 0; k < separate.length; k++) {
            assertThat(shared[k]).as("step %d", k).isCloseTo(separate[k], within(1e-5 * separate[k]));
        }
        double loss = ForecastingTrainer.meanSquaredError(model.nets, model.validation);
        assertThat(Intervals.meanSquare(validationErrors)).isCloseTo(loss, within(1e-5 * loss));
    }

    @Test
    void a_one_step_horizon_gives_one_error_per_window() {
        ForecastModel oneStep = seasonalModel(1200, 8, 24, 1, 840, 960);
        int windows = oneStep.training.numExamples();
        assertThat(windows % ForecastModel.EVAL_BATCH).as("a last batch of one window or more").isNotZero();
        double[][] errors = Intervals.errors(oneStep.nets, oneStep.training);
        assertThat(errors).hasNumberOfRows(windows);
        // the zero output layer forecasts the reference: each error is minus the window's target
        for (int i = 0; i < windows; i++) {
            assertThat(errors[i]).as("window %d", i).hasSize(1);
            assertThat(errors[i][0]).as("window %d", i)
                    .isCloseTo(-oneStep.training.getLabels().getDouble(i, 0), within(1e-6)); // in float32
        }
    }

    private static double[][] onePassErrors(DataSet data) {
        return ForecastModel.output(model.nets, data.getFeatures()).sub(data.getLabels()).toDoubleMatrix();
    }
}
