package com.seqplay.engine.forecasting;

import com.seqplay.dataset.builtin.MonthlySeries;
import com.seqplay.engine.Trainer;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.UploadedData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Not a test: the measurement behind the forecasting defaults. Trains the default model (defaults
 * proposed from each series) on generated series that imitate well-known public monthly series
 * and prints the backtest MASE beside the baselines, the interval coverage, the defaults chosen and
 * the wall time. Run: {@code java -cp target/classes:target/test-classes:$(deps) ...RealStyleBench [cell] [extra JSON]
 * [series regex]}, e.g. {@code lstm ,"ensemble":3}.
 */
public final class RealStyleBench {
    public static void main(String[] args) throws Exception {
        String cell = args.length > 0 ? args[0] : "lstm";
        String extra = args.length > 1 ? args[1] : "";
        record Case(MonthlySeries.Shape shape, int n, long seed) {}
        List<Case> cases = List.of(new Case(MonthlySeries.Shape.AIRLINE, 144, 1), new Case(MonthlySeries.Shape.RETAIL, 240, 2),
                new Case(MonthlySeries.Shape.TEMPERATURE, 180, 3), new Case(MonthlySeries.Shape.MONTHLY, 100, 4),
                new Case(MonthlySeries.Shape.MONTHLY, 144, 5));
        System.out.println("| series | n | defaults | MASE model | naive | seasonal naive | Holt-Winters | coverage | s |");
        String only = args.length > 2 ? args[2] : "";
        for (Case c : cases) {
            if (!only.isEmpty() && !(c.shape.name() + c.n).matches(only)) {
                continue;
            }
            double[] y = MonthlySeries.generate(c.n, c.shape, c.seed).values();
            var csv = new StringBuilder("value\n");
            for (double v : y) {
                csv.append(String.format(Locale.ROOT, "%.4f%n", v));
            }
            Path dir = Files.createTempDirectory("bench");
            Path file = dir.resolve(c.shape.name() + ".csv");
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            var data = new UploadedData(file.getFileName().toString(), Files.readAllBytes(file));
            var spec = SpecValidator.completeAndValidate(SpecJson.parse("{\"task\":\"forecasting\",\"cell\":\"" + cell
                    + "\",\"dataset\":\"upload:1\"" + extra + "}"), ref -> Optional.of(data));
            List<TrainerEvent> events = new ArrayList<>();
            long start = System.nanoTime();
            new Trainer(spec, dir.resolve("run"), events::add, Optional.of(file)).run();
            double seconds = (System.nanoTime() - start) / 1e9;
            var result = events.stream().filter(e -> e instanceof TrainerEvent.Result).map(e -> (TrainerEvent.Result) e)
                    .findFirst().orElseThrow();
            var m = result.metrics();
            var b = result.baselines();
            var o = spec.forecasting();
            System.out.printf(Locale.ROOT, "| %s | %d | w%d h%d p%d b%d hid%d ep%d pat%d bt%d ens%d | %.3f ± %.3f | %.3f | %.3f | %.3f | %.2f | %.0f |%n",
                    c.shape.name(), c.n, o.window(), o.horizon(), o.period(), spec.batchSize(), spec.hiddenSize(),
                    spec.epochs(), spec.patience(), o.backtests(), o.ensemble(), m.get("backtest_mase"), m.get("backtest_mase_std"),
                    b.get("backtest_naive_mase"), b.get("backtest_seasonal_naive_mase"), b.get("backtest_holt_winters_mase"),
                    m.get("backtest_coverage"), seconds);
            System.out.printf(Locale.ROOT, "|   tail | | | %.3f | %.3f | %.3f | %.3f | %.2f | |%n", m.get("mase"),
                    b.get("naive_mase"), b.get("seasonal_naive_mase"), b.get("holt_winters_mase"), m.get("coverage"));
        }
    }
}
