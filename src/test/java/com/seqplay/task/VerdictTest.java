package com.seqplay.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.spec.TaskType;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void a_lower_is_better_metric_beats_its_baseline_when_below_it() {
        Verdict v = Verdict.of(TaskType.FORECASTING, Map.of("mase", 0.70), Map.of("seasonal_naive_mase", 1.04)).orElseThrow();
        assertThat(v.beat()).isTrue();
        assertThat(v.sentence()).isEqualTo("Beat the seasonal-naive forecast: mase 0.700 vs 1.040.");
        assertThat(v.relativeGain()).isCloseTo(0.327, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void a_text_run_above_the_unigram_bpc_did_not_beat_it() {
        Verdict v = Verdict.of(TaskType.TEXTGEN, Map.of("bpc", 4.08), Map.of("unigram_bpc", 3.99)).orElseThrow();
        assertThat(v.beat()).isFalse();
        assertThat(v.sentence()).startsWith("Did not beat the unigram baseline");
        assertThat(v.relativeGain()).isNegative();
    }

    @Test
    void a_higher_is_better_metric_beats_its_baseline_when_above_it() {
        assertThat(Verdict.of(TaskType.TRANSLATION, Map.of("bleu", 0.99), Map.of("copy_bleu", 0.22)).orElseThrow().beat())
                .isTrue();
        Verdict memory = Verdict.of(TaskType.MEMORY, Map.of("accuracy", 0.125), Map.of("chance", 0.125)).orElseThrow();
        assertThat(memory.beat()).as("equal to chance is not beating it").isFalse();
        assertThat(memory.relativeGain()).isZero();
    }

    @Test
    void a_forecast_is_judged_against_the_strongest_baseline_on_the_backtest_when_there_is_one() {
        Map<String, Double> baselines = Map.of("seasonal_naive_mase", 1.04, "naive_mase", 2.0, "holt_winters_mase", 0.8,
                "backtest_seasonal_naive_mase", 1.1, "backtest_naive_mase", 1.9, "backtest_holt_winters_mase", 0.9);
        Verdict tail = Verdict.of(TaskType.FORECASTING, Map.of("mase", 0.85), baselines).orElseThrow();
        assertThat(tail.beat()).isFalse();
        assertThat(tail.sentence()).isEqualTo("Did not beat Holt-Winters: mase 0.850 vs 0.800.");
        Verdict backtest = Verdict.of(TaskType.FORECASTING, Map.of("mase", 0.85, "backtest_mase", 0.7), baselines)
                .orElseThrow();
        assertThat(backtest.beat()).isTrue();
        assertThat(backtest.baseline()).isEqualTo("backtest_holt_winters_mase");
        assertThat(backtest.sentence()).isEqualTo("Beat Holt-Winters: backtest_mase 0.700 vs 0.900.");
    }

    @Test
    void no_verdict_without_both_numbers() {
        assertThat(Verdict.of(TaskType.TEXTGEN, Map.of("bpc", 2.0), Map.of())).isEmpty();
        assertThat(Verdict.of(TaskType.TEXTGEN, null, Map.of("unigram_bpc", 3.9))).isEmpty();
        assertThat(Verdict.of(TaskType.TEXTGEN, Map.of("bpc", Double.NaN), Map.of("unigram_bpc", 3.9))).isEmpty();
    }

    @Test
    void over_several_series_the_verdict_says_on_how_many_the_model_beat_their_best_baseline() {
        Verdict v = Verdict.of(TaskType.FORECASTING, Map.of("mase", 0.8, "series_beat", 3.0, "series_count", 5.0),
                Map.of("holt_winters_mase", 0.9)).orElseThrow();
        assertThat(v.sentence()).isEqualTo("Beat Holt-Winters: mase 0.800 vs 0.900 (means over 5 series); "
                + "beat the best baseline on 3 of 5 series.");
        assertThat(Verdict.of(TaskType.FORECASTING, Map.of("mase", 0.8), Map.of("holt_winters_mase", 0.9))
                .orElseThrow().seriesCount()).isNull();
    }
}
