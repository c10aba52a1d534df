package com.seqplay.ui;

import com.seqplay.events.health.EpochMeans;
import com.seqplay.events.health.HealthQuantity;
import com.seqplay.events.health.HealthRules;
import com.seqplay.run.domain.MetricPoint;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import java.util.Map;

/**
 * Training health per layer and epoch: the update-to-parameter ratio on a log axis with the healthy
 * 1e-3 as a line, and the spread of each layer's activations and gradients. The trainer measures
 * sampled iterations; each line here is the mean of an epoch's measurements. The flag above the
 * charts is judged from the same means by the trainer's rules ({@link HealthRules}).
 */
class TrainingHealthCharts extends VerticalLayout {
    private final HealthBadge flag = new HealthBadge();
    private final Paragraph reason = new Paragraph();
    private final LossChart ratio = new LossChart();
    private final LossChart spread = new LossChart();
    private final EpochMeans means = new EpochMeans();

    TrainingHealthCharts() {
        setPadding(false);
        setSpacing(false);
        flag.setId("health-flag");
        reason.setId("health-reason");
        ratio.setId("health-ratio-chart");
        ratio.setHeight("260px");
        ratio.xAxis(XAxis.EPOCH).yAxis(YAxis.log("update norm / parameter norm per step"))
                .threshold(HealthRules.HEALTHY_RATIO, "healthy ≈ 1e-3");
        spread.setId("health-spread-chart");
        spread.setHeight("260px");
        spread.xAxis(XAxis.EPOCH).yAxis(YAxis.log("standard deviation"));
        add(new Paragraph("How far one step moves each layer, as a fraction of the layer's size, averaged over the "
                        + "epoch. " + HealthRules.EXPLANATION + " Below: the spread of each layer's outputs and of its "
                        + "gradient; a spread that shrinks towards zero means the signal dies out in that layer (a line that "
                        + "stops has reached exactly zero, which a log scale cannot show)."),
                flag, reason, ratio, spread);
    }

    /** Takes the health series from any batch of points; others are ignored. */
    void add(List<MetricPoint> points) {
        boolean any = false;
        for (MetricPoint p : points) {
            var series = HealthQuantity.parse(p.name());
            if (series.isPresent()) {
                means.add(series.get().quantity(), series.get().layer(), p.epoch(), p.value());
                any = true;
            }
        }
        if (!any) {
            return;
        }
        draw(ratio, HealthQuantity.UPDATE_RATIO, "layer ");
        draw(spread, HealthQuantity.ACTIVATION_STD, "activations, layer ");
        draw(spread, HealthQuantity.GRADIENT_STD, "gradient, layer ");
        means.worst().ifPresent(summary -> {
            flag.show(summary);
            reason.setText(summary.sentence());
        });
    }

    private void draw(LossChart chart, HealthQuantity quantity, String prefix) {
        for (Map.Entry<String, Map<Integer, Double>> layer : means.byLayer(quantity).entrySet()) {
            // a log axis has no place for zero (a gradient spread of exactly 0: saturated units pass
            // nothing back) and a zero would spoil the axis of every other line: the line stops there
            List<MetricPoint> points = layer.getValue().entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .map(e -> new MetricPoint(prefix + layer.getKey(), e.getKey(), e.getKey(), e.getValue(), null))
                    .toList();
            chart.set(prefix + layer.getKey(), points);
        }
    }
}
