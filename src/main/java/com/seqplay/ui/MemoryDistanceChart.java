package com.seqplay.ui;

import com.seqplay.run.domain.Run;
import com.seqplay.spec.MemoryOptions;
import com.seqplay.spec.TaskType;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The memory probe's lesson in one chart: test accuracy against the distance L the first symbol
 * must be carried, one line per cell, from the finished memory runs being compared (a grid over
 * {@code distractors} and {@code cell}). Each point is the mean over the runs of that cell and L
 * (seeds), the band their lowest and highest; the dashed line is chance.
 */
final class MemoryDistanceChart {
    private MemoryDistanceChart() {}

    /** The section, when the compared runs hold finished memory runs at two or more distances. */
    static Optional<Component> of(List<Run> runs) {
        // in the cells' own order (rnn, lstm, gru), as the other charts colour them
        Map<com.seqplay.spec.CellType, Map<Integer, List<Double>>> byCell = new java.util.EnumMap<>(
                com.seqplay.spec.CellType.class);
        Integer alphabet = null;
        for (Run r : runs) {
            if (r.task() != TaskType.MEMORY || r.metrics() == null || r.metrics().get("accuracy") == null
                    || !(r.spec().options() instanceof MemoryOptions m) || m.distractors() == null) {
                continue;
            }
            byCell.computeIfAbsent(r.cell(), c -> new TreeMap<>())
                    .computeIfAbsent(m.distractors(), l -> new ArrayList<>()).add(r.metrics().get("accuracy"));
            alphabet = m.alphabet();
        }
        long distances = byCell.values().stream().flatMap(m -> m.keySet().stream()).distinct().count();
        if (distances < 2) {
            return Optional.empty();
        }
        List<CompareChart.Line> lines = new ArrayList<>();
        byCell.forEach((cell, byL) -> {
            List<double[]> points = new ArrayList<>();
            List<double[]> band = new ArrayList<>();
            int n = 0;
            for (var e : byL.entrySet()) {
                List<Double> acc = e.getValue();
                points.add(new double[] {e.getKey(), acc.stream().mapToDouble(Double::doubleValue).average().orElse(0)});
                band.add(new double[] {e.getKey(), acc.stream().mapToDouble(Double::doubleValue).min().orElse(0),
                    acc.stream().mapToDouble(Double::doubleValue).max().orElse(0)});
                n += acc.size();
            }
            lines.add(new CompareChart.Line(cell.id() + " (n=" + n + ")", points, band));
        });
        CompareChart chart = new CompareChart();
        chart.setId("compare-memory-distance");
        chart.addClassName("compare-chart");
        chart.show("distractors L (steps between the symbol and the question)", "test accuracy", true,
                alphabet == null ? null : new CompareChart.Baseline(1.0 / alphabet, "chance"), lines);
        Div section = new Div(new H3("Memory against distance"), new Paragraph("Each point is a cell's test accuracy"
                + " at one distance, the mean over its runs (the band: lowest to highest). A plain RNN's gradient"
                + " shrinks with every step it travels back, so it stops finding the symbol as L grows; the gates of"
                + " an LSTM or GRU let the memory, and its gradient, pass many steps almost unchanged. The gates must"
                + " learn to hold, though: far enough (L = 100 here), a gate that starts by keeping about three"
                + " quarters of the state per step (bias 1) has lost the symbol before training can find it; a GRU"
                + " whose update gate starts nearly closed (bias 3) keeps it."),
                chart);
        section.setWidthFull();
        return Optional.of(section);
    }
}
