package com.seqplay.engine.forecasting;

import com.seqplay.engine.NetworkBuilder;
import com.seqplay.metrics.HoltWinters;
import com.seqplay.spec.RunSpec;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One forecasting network and its data, cut at {@code end}: training windows have their targets
 * before {@code trainEnd}, validation windows in {@code [trainEnd, end)}. The main run and each
 * backtest fold build theirs the same way.
 */
final class ForecastModel {
    final ForecastSetup setup;
    final MultiLayerNetwork net;
    final DataSet training;
    final DataSet validation;

    private ForecastModel(ForecastSetup setup, MultiLayerNetwork net, DataSet training, DataSet validation) {
        this.setup = setup;
        this.net = net;
        this.training = training;
        this.validation = validation;
    }

    /**
     * @param period the season (the targets are corrections to the seasonal-naive forecast)
     */
    static ForecastModel build(RunSpec spec, double[] values, int trainEnd, int end, int period) {
        int window = spec.forecasting().window();
        int horizon = spec.forecasting().horizon();
        boolean log = Windows.logApplies(values);
        double[] fit = Arrays.copyOf(values, trainEnd);
        if (log) {
            fit = Arrays.stream(fit).map(Math::log).toArray();
        }
        var setup = new ForecastSetup(window, horizon, period, Normaliser.fit(fit), log)
                .withReference(HoltWinters.best(Arrays.copyOf(values, trainEnd), period).orElse(null));
        int first = setup.history();
        DataSet training = Windows.examples(values, first, trainEnd - horizon, 1, setup);
        DataSet validation = Windows.examples(values, Math.max(first, trainEnd), end - horizon, 1, setup);
        MultiLayerNetwork net = NetworkBuilder.sequenceRegressor(spec, Windows.CHANNELS, horizon);
        // a zero output layer forecasts exactly the seasonal naive forecast until training moves it
        int out = net.getnLayers() - 1;
        net.getLayer(out).getParam("W").assign(0);
        net.getLayer(out).getParam("b").assign(0);
        return new ForecastModel(setup, net, training, validation);
    }
}
