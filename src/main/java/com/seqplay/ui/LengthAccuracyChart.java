package com.seqplay.ui;

import com.seqplay.events.sample.LengthAccuracySample;
import com.seqplay.events.sample.LengthAccuracySample.HeldOut;
import com.seqplay.run.domain.MetricPoint;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Translation only: exact match against source length, one point per length bucket (at the bucket's
 * middle length). While training it shows the latest epoch's validation pairs; once the run has
 * scored its test pairs it shows those and keeps them. Hidden until a first sample arrives, so
 * other tasks never show it. The {@code data-buckets} and {@code data-held-out} attributes say what
 * is drawn (tests read them).
 */
final class LengthAccuracyChart extends Div {
    private final LossChart chart = new LossChart();
    private final Paragraph buckets = new Paragraph();
    private boolean testShown;

    LengthAccuracyChart() {
        setId("length-accuracy");
        setWidthFull();
        setVisible(false);
        chart.setId("length-accuracy-chart");
        chart.xAxis(XAxis.named("source length (tokens)")).yAxis(YAxis.share("exact match"));
        chart.setHeight("260px");
        buckets.addClassName("length-buckets");
        buckets.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        add(new H3("Exact match by source length"),
                new Paragraph("Without attention the encoder must squeeze the whole source into one vector before the "
                        + "decoder writes a word, so the longer the source, the more of it is lost. With attention "
                        + "the decoder looks back at every source step as it writes, and long sources suffer far less."),
                chart, buckets);
    }

    /** Draws a sample; a validation sample after the test one changes nothing. */
    void show(int epoch, LengthAccuracySample sample) {
        boolean test = sample.heldOut() == HeldOut.TEST;
        if (testShown && !test) {
            return;
        }
        testShown |= test;
        setVisible(true);
        String series = test ? "test pairs (best epoch " + epoch + ")" : "validation pairs, epoch " + epoch;
        List<MetricPoint> points = sample.buckets().stream()
                .map(b -> new MetricPoint(series, Math.round((b.minTokens() + b.maxTokens()) / 2.0), epoch,
                        b.exactMatch(), null))
                .toList();
        chart.clear();
        chart.set(series, points);
        getElement().setAttribute("data-buckets", Integer.toString(points.size()));
        getElement().setAttribute("data-held-out", sample.heldOut().name().toLowerCase(Locale.ROOT));
        buckets.setText(sample.buckets().stream()
                .map(b -> String.format(Locale.ROOT, "%s tokens: %.0f%% of %d pairs (BLEU %.0f)",
                        b.minTokens() == b.maxTokens() ? b.minTokens() : b.minTokens() + "–" + b.maxTokens(),
                        100 * b.exactMatch(), b.pairs(), 100 * b.bleu()))
                .collect(Collectors.joining("; ")));
    }
}
