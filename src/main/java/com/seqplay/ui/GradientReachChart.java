package com.seqplay.ui;

import com.seqplay.json.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Sample;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient reach curves (see the engine's GradientReach): the untrained one (epoch 0) stays,
 * the latest epoch's replaces the one before, so the change that training made is visible.
 */
class GradientReachChart extends LossChart {
    private static final ObjectMapper JSON = Json.MAPPER;
    private List<MetricPoint> first;

    GradientReachChart() {
        setId("reach-chart");
        xAxis(XAxis.named("distance (steps back)"));
        yAxis(YAxis.log("gradient size relative to distance 0"));
    }

    void show(Sample sample) {
        List<MetricPoint> curve = curve(sample);
        if (first == null) {
            first = curve;
        }
        clear();
        add(first);
        if (curve != first) {
            add(curve);
        }
    }

    private static List<MetricPoint> curve(Sample sample) {
        List<MetricPoint> points = new ArrayList<>();
        try {
            JsonNode norms = JSON.readTree(sample.content()).path("relativeNorm");
            for (int d = 0; d < norms.size(); d++) {
                double v = norms.get(d).asDouble();
                if (v > 0) {
                    points.add(new MetricPoint("epoch " + sample.epoch(), d, sample.epoch(), v, sample.time()));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a malformed sample draws nothing
        }
        return points;
    }
}
