package com.seqplay.engine.forecasting;

import com.seqplay.dataset.builtin.MonthlySeries;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.UploadedData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Not a test: compares ways of sizing the prediction intervals on the backtest cut-offs of
 * generated series (each fold's network trained once, every method scored on the same forecasts).
 * Run: {@code java -cp target/classes:target/test-classes:$(deps) ...IntervalBench [folds] [noise]}; with
 * a second argument, only the 600-point known-noise series of RealDataDefaultsTest.
 */
public final class IntervalBench {
    record Residuals(double[][] train, double[][] validation, double[][] recent) {}

    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        names.add("airline144"); series.add(MonthlySeries.generate(144, MonthlySeries.Shape.AIRLINE, 1).values());
        names.add("retail240"); series.add(MonthlySeries.generate(240, MonthlySeries.Shape.RETAIL, 2).values());
        names.add("temp180"); series.add(MonthlySeries.generate(180, MonthlySeries.Shape.TEMPERATURE, 3).values());
        names.add("monthly100"); series.add(MonthlySeries.generate(100, MonthlySeries.Shape.MONTHLY, 4).values());
        names.add("monthly144"); series.add(MonthlySeries.generate(144, MonthlySeries.Shape.MONTHLY, 5).values());
        for (int s = 0; s < 3; s++) {
            Random random = new Random(9 + s);
            double[] y = new double[150 + 50 * s];
            for (int t = 0; t < y.length; t++) {
                y[t] = 50 + 0.05 * t + 8 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
            }
            names.add("noise" + y.length); series.add(y);
        }
        if (args.length > 1) {
            // the known-noise series of RealDataDefaultsTest
            Random random = new Random(9);
            double[] y = new double[600];
            for (int t = 0; t < y.length; t++) {
                y[t] = 50 + 0.05 * t + 8 * Math.sin(2 * Math.PI * t / 12) + random.nextGaussian();
            }
            names.clear();
            series.clear();
            names.add("noise600");
            series.add(y);
        }
        String[] methods = {"current", "q80train", "q80train*ratio>=1", "q80train*ratio", "q80 val+train pooled", "q80train*sqrt(ratio)", "Intervals.halfWidths (recent)"};
        int folds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        double[][] inside = new double[methods.length][series.size()];
        double[][] width = new double[methods.length][series.size()];
        int[] points = new int[series.size()];
        for (int c = 0; c < series.size(); c++) {
            double[] y = series.get(c);
            var csv = new StringBuilder("value\n");
            for (double v : y) {
                csv.append(String.format(Locale.ROOT, "%.5f%n", v));
            }
            var data = new UploadedData("s.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
            RunSpec spec = SpecValidator.completeAndValidate(SpecJson.parse(
                    "{\"task\":\"forecasting\",\"dataset\":\"upload:1\"}"), ref -> Optional.of(data));
            int h = spec.forecasting().horizon();
            int period = spec.forecasting().period() > 0 ? spec.forecasting().period()
                    : ForecastingTrainer.period(spec, "s", List.of(y), h);
            for (int j = 1; j <= folds; j++) {
                int origin = y.length - j * h;
                int trainEnd = origin - Math.max(h, (int) Math.round(origin * 0.1));
                ForecastModel m = ForecastModel.build(spec, Arrays.copyOf(y, origin), trainEnd, origin, period);
                Backtest.train(spec, m, 1000L * j);
                var res = new Residuals(residuals(m, m.training.getFeatures(), m.training.getLabels()),
                        residuals(m, m.validation.getFeatures(), m.validation.getLabels()),
                        residuals(m, m.recent.getFeatures(), m.recent.getLabels()));
                ForecastSetup setup = m.setups.get(0);
                System.out.printf(Locale.ROOT, "fold %d: %d training, %d validation windows; q80 train %.4f, validation %.4f;"
                        + " early train %.4f, late train %.4f%n", j, res.train.length, res.validation.length,
                        quantile(flatAbs(res.train), 0.8), quantile(flatAbs(res.validation), 0.8),
                        quantile(flatAbs(Arrays.copyOf(res.train, res.train.length / 2)), 0.8),
                        quantile(flatAbs(Arrays.copyOfRange(res.train, res.train.length / 2, res.train.length)), 0.8));
                double[] forecast = new Forecaster(m.nets, setup).forecastAt(y, new int[] {origin})[0];
                for (int k = 0; k < methods.length; k++) {
                    double[] half = halfWidths(k, res, h);
                    for (int t = 0; t < h; t++) {
                        double r = Windows.unit(y[origin + t], setup) - Windows.unit(forecast[t], setup);
                        inside[k][c] += Math.abs(r) <= half[t] ? 1 : 0;
                        width[k][c] += 2 * half[t] * setup.normaliser().std();
                    }
                }
                points[c] += h;
            }
            System.out.printf(Locale.ROOT, "%s:", names.get(c));
            for (int k = 0; k < methods.length; k++) {
                System.out.printf(Locale.ROOT, " [%s] %.2f w%.3f", methods[k], inside[k][c] / points[c], width[k][c] / points[c]);
            }
            System.out.println();
        }
        for (int k = 0; k < methods.length; k++) {
            double in = 0;
            double all = 0;
            for (int c = 0; c < series.size(); c++) {
                in += inside[k][c];
                all += points[c];
            }
            System.out.printf(Locale.ROOT, "%-25s coverage %.3f%n", methods[k], in / all);
        }
    }

    static double[][] residuals(ForecastModel m, INDArray features, INDArray labels) {
        INDArray e = ForecastModel.output(m.nets, features).sub(labels);
        return e.toDoubleMatrix();
    }

    static double[] halfWidths(int method, Residuals r, int h) {
        double[] half = new double[h];
        double z = 1.2815515655446004;
        switch (method) {
            case 0 -> {
                double tr = 0, va = 0;
                double[] rms = rmsPerStep(r.train);
                for (double v : rms) tr += v * v;
                for (double v : rmsPerStep(r.validation)) va += v * v;
                double ratio = tr > 0 ? Math.max(1, Math.sqrt(va / tr)) : 1;
                for (int k = 0; k < h; k++) half[k] = z * rms[k] * ratio;
            }
            case 6 -> {
                return Intervals.halfWidths(r.train, r.recent);
            }
            case 1, 2, 3, 5 -> {
                double[] q = quantilePerStep(r.train, 0.8);
                double ratio = quantile(flatAbs(r.validation), 0.8) / quantile(flatAbs(r.train), 0.8);
                if (method == 1) ratio = 1;
                if (method == 2) ratio = Math.max(1, ratio);
                if (method == 5) ratio = Math.sqrt(ratio);
                for (int k = 0; k < h; k++) half[k] = q[k] * ratio;
            }
            default -> {
                double[][] all = new double[r.train.length + r.validation.length][];
                System.arraycopy(r.train, 0, all, 0, r.train.length);
                System.arraycopy(r.validation, 0, all, r.train.length, r.validation.length);
                half = quantilePerStep(all, 0.8);
            }
        }
        return half;
    }

    static double[] rmsPerStep(double[][] e) {
        double[] out = new double[e[0].length];
        for (double[] row : e) for (int k = 0; k < row.length; k++) out[k] += row[k] * row[k];
        for (int k = 0; k < out.length; k++) out[k] = Math.sqrt(out[k] / e.length);
        return out;
    }

    static double[] quantilePerStep(double[][] e, double q) {
        double[] out = new double[e[0].length];
        for (int k = 0; k < out.length; k++) {
            double[] col = new double[e.length];
            for (int i = 0; i < e.length; i++) col[i] = Math.abs(e[i][k]);
            out[k] = quantile(col, q);
        }
        return out;
    }

    static double[] flatAbs(double[][] e) {
        return Arrays.stream(e).flatMapToDouble(Arrays::stream).map(Math::abs).toArray();
    }

    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }
}
