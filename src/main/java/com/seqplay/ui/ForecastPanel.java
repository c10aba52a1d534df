package com.seqplay.ui;

import com.seqplay.events.sample.ForecastSample;
import com.seqplay.run.domain.Sample;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run page's forecast panel: the chart of the latest forecast and, for a model over several
 * series, a choice of the series to draw and a table of each series' MASE beside its baselines
 * (the backtest's means when there is one, as the verdict judges).
 */
class ForecastPanel extends VerticalLayout {
    private static final String PREFIX = "series.";
    private final Select<String> choice = new Select<>();
    private final ForecastChart chart = new ForecastChart();
    private final Grid<SeriesRow> table = new Grid<>();
    /** The latest sample of each series; the key "" is a run's only series. */
    private final Map<String, Sample> latest = new LinkedHashMap<>();

    /** One series' line of the table. */
    record SeriesRow(String series, double model, double naive, double seasonalNaive, double holtWinters) {
        boolean beat() {
            return model < Math.min(naive, Math.min(seasonalNaive, holtWinters));
        }
    }

    ForecastPanel() {
        setPadding(false);
        choice.setId("forecast-series");
        choice.setLabel("Series");
        choice.setVisible(false);
        choice.addValueChangeListener(e -> {
            Sample s = e.getValue() == null ? null : latest.get(e.getValue());
            if (s != null) {
                chart.show(s);
            }
        });
        table.setId("forecast-series-table");
        table.addThemeVariants(GridVariant.LUMO_COMPACT);
        table.setAllRowsVisible(true);
        table.addColumn(SeriesRow::series).setHeader("series");
        table.addColumn(r -> format(r.model())).setHeader("MASE model");
        table.addColumn(r -> format(r.naive())).setHeader("naive");
        table.addColumn(r -> format(r.seasonalNaive())).setHeader("seasonal naive");
        table.addColumn(r -> format(r.holtWinters())).setHeader("Holt-Winters");
        table.addColumn(r -> r.beat() ? "yes" : "no").setHeader("beat all");
        table.setVisible(false);
        add(choice, chart, table);
    }

    /** A new forecast sample: drawn when it belongs to the series on show (the first one by default). */
    void show(Sample sample) {
        String series = sample.payload() instanceof ForecastSample f && f.series() != null ? f.series() : "";
        boolean known = latest.containsKey(series);
        latest.put(series, sample);
        if (!known && !series.isEmpty()) {
            choice.setItems(new ArrayList<>(latest.keySet()));
            choice.setVisible(latest.size() > 1);
            if (choice.getValue() == null) {
                choice.setValue(series);
            }
        }
        if (series.isEmpty() || series.equals(choice.getValue())) {
            chart.show(sample);
        }
    }

    /** The per-series scores of a finished run over several series (nothing for one series). */
    void showScores(Map<String, Double> metrics, Map<String, Double> baselines) {
        List<SeriesRow> rows = rows(metrics, baselines);
        table.setItems(rows);
        table.setVisible(!rows.isEmpty());
    }

    static List<SeriesRow> rows(Map<String, Double> metrics, Map<String, Double> baselines) {
        List<SeriesRow> rows = new ArrayList<>();
        if (metrics == null || baselines == null) {
            return rows;
        }
        for (String key : metrics.keySet()) {
            if (!key.startsWith(PREFIX) || !key.endsWith(".mase") || key.endsWith(".backtest_mase")) {
                continue;
            }
            String name = key.substring(PREFIX.length(), key.length() - ".mase".length());
            String p = PREFIX + name + "." + (metrics.containsKey(PREFIX + name + ".backtest_mase") ? "backtest_" : "");
            rows.add(new SeriesRow(name, metrics.get(p + "mase"), value(baselines, p + "naive_mase"),
                    value(baselines, p + "seasonal_naive_mase"), value(baselines, p + "holt_winters_mase")));
        }
        return rows;
    }

    private static double value(Map<String, Double> map, String key) {
        Double v = map.get(key);
        return v == null ? Double.NaN : v;
    }

    private static String format(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "";
    }
}
