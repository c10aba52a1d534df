package com.seqplay.ui;

import com.seqplay.spec.Clipping;
import com.seqplay.spec.ClippingMode;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import java.util.List;
import java.util.Locale;

/**
 * The gradient of a run made visible: the global norm before clipping per step on a log axis
 * (exploding steps stand out as spikes of orders of magnitude) with the clipping threshold as a
 * line, and beneath it the share of steps that clipping scaled down, per epoch.
 */
class GradientCharts extends VerticalLayout {
    /** Above this share clipping is no longer a guard against rare spikes but acts on almost every step. */
    private static final double MOSTLY_CLIPPED = 0.5;
    private final LossChart norm = new LossChart();
    private final LossChart clipped = new LossChart();
    private final Paragraph hint = new Paragraph();
    private final ClippedShare share = new ClippedShare();

    GradientCharts() {
        setPadding(false);
        setSpacing(false);
        norm.setId("gradient-chart");
        norm.xAxis(XAxis.STEP).yAxis(YAxis.log("global L2 norm before clipping"));
        clipped.setId("clipped-chart");
        clipped.setHeight("200px");
        clipped.xAxis(XAxis.EPOCH).yAxis(YAxis.share("steps clipped"));
        hint.setId("clipping-hint");
        hint.setVisible(false);
        add(norm, clipped, hint);
    }

    /** Draws the threshold where the run clips the global norm; other modes clip per layer or value. */
    void setRun(Run run) {
        Double threshold = globalNormThreshold(run.spec().clipping());
        if (threshold != null) {
            norm.threshold(threshold, "clipping threshold " + number(threshold));
        } else {
            norm.noThreshold();
        }
    }

    /** Takes grad_norm and clipped from any batch of points; others are ignored. */
    void add(List<MetricPoint> points) {
        List<MetricPoint> norms = points.stream().filter(p -> p.name().equals("grad_norm")).toList();
        if (!norms.isEmpty()) {
            norm.add(norms);
        }
        if (points.stream().anyMatch(p -> p.name().equals("clipped"))) {
            share.add(points);
            clipped.set(ClippedShare.SERIES, share.shares());
            showHint();
        }
    }

    private void showHint() {
        double overall = share.overall();
        hint.setVisible(overall > MOSTLY_CLIPPED);
        hint.setText(String.format(Locale.ROOT, "%.0f%% of the steps so far were clipped: the threshold is below the usual "
                + "gradient norm, so clipping does not only catch rare spikes but shrinks nearly every step, "
                + "like a smaller learning rate. A higher threshold keeps it for the spikes.", 100 * overall));
    }

    static Double globalNormThreshold(Clipping clipping) {
        return clipping.mode() == ClippingMode.GLOBAL_NORM ? clipping.threshold() : null;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
