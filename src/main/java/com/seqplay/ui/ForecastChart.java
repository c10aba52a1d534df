package com.seqplay.ui;

import com.seqplay.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest forecast beside what really happened: the look-back window, the actual values, the
 * network's forecast with the bounds of its prediction interval, and the baselines (naive,
 * seasonal naive, Holt-Winters), on one axis (0 = first forecast step). Samples from before
 * Holt-Winters and intervals simply lack those lines.
 */
class ForecastChart extends LossChart {
    private static final ObjectMapper JSON = Json.MAPPER;
    /** The sample's arrays and the names they are drawn under. */
    private static final Map<String, String> SERIES = new LinkedHashMap<>();

    static {
        SERIES.put("actual", "actual");
        SERIES.put("forecast", "forecast");
        SERIES.put("lower", "interval low");
        SERIES.put("upper", "interval high");
        SERIES.put("naive", "naive");
        SERIES.put("seasonalNaive", "seasonalNaive");
        SERIES.put("holtWinters", "Holt-Winters");
    }

    ForecastChart() {
        setId("forecast-chart");
        xAxis(XAxis.named("time step (0 = first forecast)"));
        yAxis(YAxis.linear("value (data units)"));
    }

    void show(Sample sample) {
        try {
            JsonNode json = JSON.readTree(sample.content());
            List<MetricPoint> points = new ArrayList<>();
            JsonNode history = json.path("history");
            for (int i = 0; i < history.size(); i++) {
                points.add(point("history", i - history.size(), history.get(i).asDouble(), sample));
            }
            SERIES.forEach((key, name) -> {
                JsonNode values = json.path(key);
                for (int i = 0; i < values.size(); i++) {
                    points.add(point(name, i, values.get(i).asDouble(), sample));
                }
            });
            clear();
            add(points);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a malformed sample draws nothing
        }
    }

    private static MetricPoint point(String name, long x, double y, Sample s) {
        return new MetricPoint(name, x, s.epoch(), y, s.time());
    }
}
