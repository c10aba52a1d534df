package com.seqplay.engine.forecasting;

import com.seqplay.engine.NetworkBuilder;
import com.seqplay.metrics.HoltWinters;
import com.seqplay.spec.RunSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The forecasting networks and their data, each series cut at its own {@code end}: training
 * windows have their targets before the series' {@code trainEnd}, validation windows in
 * {@code [trainEnd, end)}. One model learns from every series: the windows of all series are
 * pooled, while each series keeps its own {@link ForecastSetup} (logarithms, normaliser and
 * Holt-Winters reference fitted on its own training part), so series of different scales meet in
 * the same units. With an ensemble, several networks that differ only in their seed are trained
 * on the same batches and their outputs averaged. The main run and each backtest fold build
 * theirs the same way.
 */
final class ForecastModel {
    /** Per series, in the order given. */
    final List<ForecastSetup> setups;
    /** The ensemble's members; the first has the specification's own seed. */
    final List<MultiLayerNetwork> nets;
    final DataSet training;
    final DataSet validation;
    /**
     * The latest windows of each series, which size the prediction intervals: its validation
     * windows, and where they are fewer than {@value #RECENT_WINDOWS}, its latest training windows
     * up to that many.
     */
    final DataSet recent;
    /**
     * The training windows in {@link #recent} (none where every series has {@value #RECENT_WINDOWS}
     * validation windows): the rest of it is {@link #validation}, whose errors an evaluation has
     * already, so it computes only these ({@link Intervals#halfWidths(List, DataSet, DataSet, double[][])}).
     */
    final DataSet recentTraining;
    static final int RECENT_WINDOWS = 24;
    /** Forecasting windows are scored in batches of this size (inference only). */
    static final int EVAL_BATCH = 512;

    private ForecastModel(List<ForecastSetup> setups, List<MultiLayerNetwork> nets, DataSet training,
            DataSet validation, DataSet recent, DataSet recentTraining) {
        this.setups = setups;
        this.nets = nets;
        this.training = training;
        this.validation = validation;
        this.recent = recent;
        this.recentTraining = recentTraining;
    }

    /** One series. */
    static ForecastModel build(RunSpec spec, double[] values, int trainEnd, int end, int period) {
        return build(spec, List.of(values), new int[] {trainEnd}, new int[] {end}, period);
    }

    /**
     * @param period the season (the targets are corrections to a reference forecast of it)
     */
    static ForecastModel build(RunSpec spec, List<double[]> series, int[] trainEnds, int[] ends, int period) {
        int window = spec.forecasting().window();
        int horizon = spec.forecasting().horizon();
        List<ForecastSetup> setups = new ArrayList<>();
        List<DataSet> training = new ArrayList<>();
        List<DataSet> validation = new ArrayList<>();
        List<DataSet> recent = new ArrayList<>();
        List<DataSet> recentTraining = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            double[] values = series.get(i);
            ForecastSetup setup = setup(values, trainEnds[i], window, horizon, period);
            setups.add(setup);
            int first = setup.history();
            int lastTraining = trainEnds[i] - horizon;
            addExamples(training, values, first, lastTraining, setup);
            int validationFrom = Math.max(first, trainEnds[i]);
            addExamples(validation, values, validationFrom, ends[i] - horizon, setup);
            int validationWindows = Math.max(0, ends[i] - horizon - validationFrom + 1);
            int more = Math.max(0, RECENT_WINDOWS - validationWindows);
            addExamples(recent, values, Math.max(first, lastTraining - more + 1), lastTraining, setup);
            addExamples(recentTraining, values, Math.max(first, lastTraining - more + 1), lastTraining, setup);
            addExamples(recent, values, validationFrom, ends[i] - horizon, setup);
        }
        int members = spec.forecasting().ensemble() == null ? 1 : spec.forecasting().ensemble();
        List<MultiLayerNetwork> nets = new ArrayList<>(members);
        for (int m = 0; m < members; m++) {
            nets.add(network(spec.withSeed(spec.seed() + m), horizon));
        }
        return new ForecastModel(setups, nets, pool(training), pool(validation), pool(recent),
                pool(recentTraining));
    }

    /** Logarithms where the series is positive, normaliser and reference fitted on the values before {@code trainEnd}. */
    static ForecastSetup setup(double[] values, int trainEnd, int window, int horizon, int period) {
        boolean log = Windows.logApplies(values);
        double[] fit = Arrays.copyOf(values, trainEnd);
        if (log) {
            fit = Arrays.stream(fit).map(Math::log).toArray();
        }
        return new ForecastSetup(window, horizon, period, Normaliser.fit(fit), log)
                .withReference(HoltWinters.best(Arrays.copyOf(values, trainEnd), period).orElse(null));
    }

    private static MultiLayerNetwork network(RunSpec spec, int horizon) {
        MultiLayerNetwork net = NetworkBuilder.sequenceRegressor(spec, Windows.CHANNELS, horizon);
        // a zero output layer forecasts exactly the reference forecast until training moves it
        int out = net.getnLayers() - 1;
        net.getLayer(out).getParam("W").assign(0);
        net.getLayer(out).getParam("b").assign(0);
        return net;
    }

    private static void addExamples(List<DataSet> into, double[] values, int from, int to, ForecastSetup setup) {
        if (to >= from) {
            into.add(Windows.examples(values, from, to, 1, setup));
        }
    }

    /** The examples of every series in one data set (all have the same window and horizon). */
    private static DataSet pool(List<DataSet> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        if (parts.isEmpty()) {
            return new DataSet();
        }
        INDArray features = Nd4j.concat(0, parts.stream().map(DataSet::getFeatures).toArray(INDArray[]::new));
        INDArray labels = Nd4j.concat(0, parts.stream().map(DataSet::getLabels).toArray(INDArray[]::new));
        return new DataSet(features, labels);
    }

    /**
     * The examples in their order, cut into consecutive batches of {@code size} (the last one may
     * be smaller): the batches {@link DataSet#batchBy} gives, copied straight from row ranges of
     * the arrays. {@code batchBy} first splits the data into one data set per example and merges
     * them again: about 5% of an epoch's time in a profile on 25,640 windows.
     */
    static List<DataSet> batches(DataSet data, int size) {
        int n = data.numExamples();
        List<DataSet> out = new ArrayList<>((n + size - 1) / size);
        for (int from = 0; from < n; from += size) {
            int to = Math.min(n, from + size);
            out.add(new DataSet(rows(data.getFeatures(), from, to), rows(data.getLabels(), from, to)));
        }
        return out;
    }

    /** Rows {@code [from, to)} along the first dimension, as a new array of their own. */
    private static INDArray rows(INDArray array, int from, int to) {
        INDArrayIndex[] index = new INDArrayIndex[array.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[0] = NDArrayIndex.interval(from, to);
        return array.get(index).dup('c');
    }

    /** The ensemble's forecast: the mean of its members' outputs (corrections in the model's units). */
    static INDArray output(List<MultiLayerNetwork> nets, INDArray features) {
        INDArray sum = nets.get(0).output(features, false).dup();
        for (int m = 1; m < nets.size(); m++) {
            sum.addi(nets.get(m).output(features, false));
        }
        return nets.size() == 1 ? sum : sum.divi(nets.size());
    }
}
