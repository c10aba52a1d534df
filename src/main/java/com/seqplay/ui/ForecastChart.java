package com.seqplay.ui;

import com.seqplay.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * The latest forecast beside what really happened: the look-back window, the actual values, the
 * network's forecast and the two naive baselines, on one axis (0 = first forecast step).
 */
class ForecastChart extends LossChart {
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final List<String> SERIES = List.of("actual", "forecast", "naive", "seasonalNaive");

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
            for (String name : SERIES) {
                JsonNode values = json.path(name);
                for (int i = 0; i < values.size(); i++) {
                    points.add(point(name, i, values.get(i).asDouble(), sample));
                }
            }
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
