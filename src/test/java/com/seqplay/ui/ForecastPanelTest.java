package com.seqplay.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForecastPanelTest {

    @Test
    void the_table_lists_each_series_with_its_backtest_scores_when_there_are_any_even_with_dots_in_its_name() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("mase", 0.9);
        metrics.put("series.st.1.mase", 0.7);
        metrics.put("series.st.1.backtest_mase", 0.8);
        metrics.put("series.b.mase", 1.3);
        Map<String, Double> baselines = new LinkedHashMap<>();
        baselines.put("series.st.1.backtest_naive_mase", 2.0);
        baselines.put("series.st.1.backtest_seasonal_naive_mase", 1.0);
        baselines.put("series.st.1.backtest_holt_winters_mase", 0.9);
        baselines.put("series.b.naive_mase", 1.1);
        baselines.put("series.b.seasonal_naive_mase", 1.5);
        baselines.put("series.b.holt_winters_mase", 1.4);

        var rows = ForecastPanel.rows(metrics, baselines);

        assertThat(rows).containsExactly(new ForecastPanel.SeriesRow("st.1", 0.8, 2.0, 1.0, 0.9),
                new ForecastPanel.SeriesRow("b", 1.3, 1.1, 1.5, 1.4));
        assertThat(rows.get(0).beat()).isTrue();
        assertThat(rows.get(1).beat()).isFalse();
        assertThat(ForecastPanel.rows(Map.of("mase", 1.0), Map.of())).isEmpty();
    }
}
