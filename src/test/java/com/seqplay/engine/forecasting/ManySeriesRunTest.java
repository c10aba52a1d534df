package com.seqplay.engine.forecasting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.seqplay.dataset.builtin.MonthlySeries;
import com.seqplay.engine.Events;
import com.seqplay.engine.Trainer;
import com.seqplay.events.TrainerEvent;
import com.seqplay.events.sample.ForecastSample;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.UploadedData;
import com.seqplay.task.Verdict;
import com.seqplay.testsupport.SlowTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One model over two series of a long-format upload, of very different scales and lengths. */
@SlowTest
class ManySeriesRunTest {
    @TempDir
    static Path dir;
    static RunSpec spec;
    static List<TrainerEvent> events = new ArrayList<>();

    @BeforeAll
    static void train() throws Exception {
        double[] north = MonthlySeries.generate(120, MonthlySeries.Shape.AIRLINE, 1).values();
        double[] south = MonthlySeries.generate(144, MonthlySeries.Shape.TEMPERATURE, 2).values();
        var csv = new StringBuilder("store,value\n");
        for (int t = 0; t < 144; t++) {
            if (t < north.length) {
                csv.append(String.format(Locale.ROOT, "north,%.4f%n", north[t] * 1000));
            }
            csv.append(String.format(Locale.ROOT, "south,%.4f%n", south[t]));
        }
        Path file = dir.resolve("stores.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        var data = new UploadedData("stores.csv", Files.readAllBytes(file));
        spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"forecasting","dataset":"upload:1","seriesColumn":"store","epochs":15,"backtests":2}"""),
                ref -> Optional.of(data));
        new Trainer(spec, Files.createDirectories(dir.resolve("run")), events::add, Optional.of(file)).run();
    }

    @Test
    void the_defaults_are_proposed_from_the_shortest_series_and_the_windows_of_both() {
        // the shortest series (120 values) bounds the window; the batch comes from both series' windows
        assertThat(spec.forecasting().period()).isEqualTo(12);
        assertThat(spec.forecasting().window()).isEqualTo(24);
        long windows = (84 - 24 - 12 + 1) + (101 - 24 - 12 + 1); // training parts of 120 and 144 values
        assertThat(spec.batchSize()).isEqualTo((int) Long.highestOneBit(windows / 4));
    }

    @Test
    void one_model_trains_on_the_windows_of_both_series() {
        assertThat(Events.logs(events)).anyMatch(l -> l.contains("2 series of 120 to 144 values")
                && l.contains((84 - 24 - 12 + 1) + (101 - 24 - 12 + 1) + " training windows"));
    }

    @Test
    void the_result_holds_each_series_mase_beside_its_baselines_and_the_overall_mean() {
        TrainerEvent.Result result = Events.result(events);
        assertThat(result.status()).isEqualTo(TrainerEvent.ResultStatus.SUCCEEDED);
        var m = result.metrics();
        var b = result.baselines();
        for (String s : List.of("north", "south")) {
            assertThat(m.get("series." + s + ".mase")).as(s).isFinite().isPositive();
            assertThat(m.get("series." + s + ".backtest_mase")).as(s).isFinite().isPositive();
            for (String baseline : List.of("naive", "seasonal_naive", "holt_winters")) {
                assertThat(b.get("series." + s + "." + baseline + "_mase")).as(s + baseline).isFinite().isPositive();
                assertThat(b.get("series." + s + ".backtest_" + baseline + "_mase")).isFinite();
            }
        }
        assertThat(m.get("mase")).isCloseTo((m.get("series.north.mase") + m.get("series.south.mase")) / 2, within(1e-9));
        assertThat(m.get("backtest_mase"))
                .isCloseTo((m.get("series.north.backtest_mase") + m.get("series.south.backtest_mase")) / 2, within(1e-9));
        assertThat(b.get("holt_winters_mase")).isCloseTo(
                (b.get("series.north.holt_winters_mase") + b.get("series.south.holt_winters_mase")) / 2, within(1e-9));
        assertThat(m.get("series_count")).isEqualTo(2.0);
        int beat = 0;
        for (String s : List.of("north", "south")) {
            double best = Math.min(b.get("series." + s + ".backtest_naive_mase"), Math.min(
                    b.get("series." + s + ".backtest_seasonal_naive_mase"), b.get("series." + s + ".backtest_holt_winters_mase")));
            beat += m.get("series." + s + ".backtest_mase") < best ? 1 : 0;
        }
        assertThat(m.get("series_beat")).isEqualTo(beat);
        assertThat(Verdict.of(spec.task(), m, b).orElseThrow().sentence()).contains("on " + beat + " of 2 series");
    }

    @Test
    void the_forecast_of_each_series_is_drawn_in_its_own_units() {
        List<ForecastSample> samples = Events.payloads(events, ForecastSample.class);
        ForecastSample north = samples.stream().filter(s -> "north".equals(s.series())).reduce((a, c) -> c).orElseThrow();
        ForecastSample south = samples.stream().filter(s -> "south".equals(s.series())).reduce((a, c) -> c).orElseThrow();
        // the airline-like series was scaled by 1000, the temperature-like one lies within about -10..40
        assertThat(north.actual()[0]).isGreaterThan(10_000);
        assertThat(south.actual()[0]).isLessThan(100);
        assertThat(north.forecast()[0]).isGreaterThan(10_000);
        assertThat(south.forecast()[0]).isLessThan(100);
    }
}
