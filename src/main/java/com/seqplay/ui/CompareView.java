package com.seqplay.ui;

import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.JsonNode;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.history.Grouping;
import com.seqplay.run.history.RunHistoryService;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.TaskType;
import com.seqplay.task.MainMetric;
import com.seqplay.task.TaskDefinitions;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * Two to fifty runs side by side, all of it in the URL ({@code compare?runs=1,2,3&group=cell&
 * series=bpc&x=epoch&smooth=0.6&log=true&band=range&differs=all}), so a comparison can be sent
 * or reloaded as it is. Curves of one series per task (runs of different tasks never share an
 * axis), optionally grouped by a specification field into mean lines with bands; the settings
 * that differ; the final metrics with the best marked (means +- sd when grouped).
 */
@Route(value = "compare", layout = MainLayout.class)
@PermitAll
@PageTitle("Compare runs · Seqplay")
public class CompareView extends VerticalLayout implements BeforeEnterObserver {
    private static final int POINTS = 2000;
    private static final Map<String, String> X_AXES = Map.of("step", "step", "epoch", "epoch", "seconds",
            "wall time (s)");
    private final RunHistoryService history;
    private final Select<String> series = new Select<>();
    private final Select<String> xAxis = new Select<>();
    private final Select<String> smoothing = new Select<>();
    private final Checkbox log = new Checkbox("Log scale");
    private final Select<String> group = new Select<>();
    private final Select<String> band = new Select<>();
    private final Checkbox onlyDiffers = new Checkbox("Only what differs");
    private final Div charts = new Div();
    private final Div config = new Div();
    private final Div results = new Div();
    private List<Run> runs = List.of();
    private boolean loading;

    public CompareView(RunHistoryService history) {
        this.history = history;
        setWidthFull();
        series.setLabel("Series");
        series.setId("compare-series");
        xAxis.setLabel("x axis");
        xAxis.setItems("step", "epoch", "seconds");
        xAxis.setItemLabelGenerator(X_AXES::get);
        xAxis.setId("compare-x");
        smoothing.setLabel("Smoothing");
        smoothing.setItems("0", "0.6", "0.8", "0.9", "0.95", "0.99");
        smoothing.setId("compare-smoothing");
        log.setId("compare-log");
        group.setLabel("Group by");
        group.setId("compare-group");
        group.setEmptySelectionAllowed(true);
        group.setEmptySelectionCaption("no grouping");
        band.setLabel("Band");
        band.setItems("sd", "range");
        band.setItemLabelGenerator(b -> b.equals("sd") ? "mean ± sd" : "min to max");
        band.setId("compare-band");
        onlyDiffers.setId("compare-differs");
        charts.setWidthFull();
        charts.setId("compare-charts");
        var controls = new HorizontalLayout(series, xAxis, smoothing, group, band, log);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.getStyle().set("flex-wrap", "wrap");
        add(new H2("Compare runs"), controls, charts, new H3("Configuration"), onlyDiffers, config,
                new H3("Final metrics"), results);
        series.addValueChangeListener(e -> changed());
        xAxis.addValueChangeListener(e -> changed());
        smoothing.addValueChangeListener(e -> changed());
        log.addValueChangeListener(e -> changed());
        group.addValueChangeListener(e -> changed());
        band.addValueChangeListener(e -> changed());
        onlyDiffers.addValueChangeListener(e -> changed());
    }

    /** The link that opens these runs here. */
    public static String link(List<Long> ids) {
        return "compare?runs=" + String.join(",", ids.stream().map(String::valueOf).toList());
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, String> p = new LinkedHashMap<>();
        event.getLocation().getQueryParameters().getParameters().forEach((k, v) -> p.put(k, String.join(",", v)));
        List<Long> ids = new ArrayList<>();
        for (String part : p.getOrDefault("runs", p.getOrDefault("ids", "")).split(",")) {
            try {
                ids.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                // not an id: left out
            }
        }
        runs = history.existing(ids.stream().limit(RunHistoryService.MAX_COMPARED).toList());
        if (runs.isEmpty()) {
            charts.removeAll();
            charts.add(new Paragraph("Select runs in the Runs list, then Compare."));
            return;
        }
        loading = true;
        List<String> names = new ArrayList<>(history.seriesNames(runs.stream().map(Run::id).toList()));
        String main = mainMetric(runs.get(0).task());
        series.setItems(names);
        series.setValue(pick(p.get("series"), names, names.contains(main) ? main
                : names.contains("val_loss") ? "val_loss" : names.isEmpty() ? null : names.get(0)));
        xAxis.setValue(pick(p.get("x"), List.of("step", "epoch", "seconds"), "epoch"));
        smoothing.setValue(pick(p.get("smooth"), List.of("0", "0.6", "0.8", "0.9", "0.95", "0.99"), "0"));
        log.setValue("true".equals(p.get("log")));
        List<String> fields = differingFields();
        group.setItems(fields);
        group.setValue(p.get("group") != null && fields.contains(p.get("group")) ? p.get("group") : null);
        band.setValue(pick(p.get("band"), List.of("sd", "range"), "sd"));
        onlyDiffers.setValue(!"all".equals(p.get("differs")));
        loading = false;
        render();
    }

    private static String pick(String wanted, List<String> allowed, String fallback) {
        return wanted != null && allowed.contains(wanted) ? wanted : fallback;
    }

    private void changed() {
        if (loading || runs.isEmpty()) {
            return;
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("runs", String.join(",", runs.stream().map(r -> Long.toString(r.id())).toList()));
        put(p, "group", group.getValue());
        put(p, "series", series.getValue());
        put(p, "x", "epoch".equals(xAxis.getValue()) ? null : xAxis.getValue());
        put(p, "smooth", "0".equals(smoothing.getValue()) ? null : smoothing.getValue());
        put(p, "log", log.getValue() ? "true" : null);
        put(p, "band", "sd".equals(band.getValue()) ? null : band.getValue());
        put(p, "differs", onlyDiffers.getValue() ? null : "all");
        UI.getCurrent().getPage().getHistory().replaceState(null, new Location("compare", QueryParameters.simple(p)));
        render();
    }

    private static void put(Map<String, String> p, String key, String value) {
        if (value != null && !value.isEmpty()) {
            p.put(key, value);
        }
    }

    private void render() {
        band.setEnabled(group.getValue() != null);
        renderCharts();
        renderConfig();
        renderResults();
    }

    private void renderCharts() {
        charts.removeAll();
        String name = series.getValue();
        if (name == null) {
            charts.add(new Paragraph("These runs have no recorded series yet."));
            return;
        }
        Map<TaskType, List<Run>> byTask = new LinkedHashMap<>();
        runs.forEach(r -> byTask.computeIfAbsent(r.task(), t -> new ArrayList<>()).add(r));
        for (var entry : byTask.entrySet()) {
            TaskType task = entry.getKey();
            List<Run> taskRuns = entry.getValue();
            List<Long> ids = taskRuns.stream().map(Run::id).toList();
            // A series another task reports (bpc for a memory run) would leave this task's chart
            // empty: such a task draws its own main metric instead.
            String taskSeries = history.seriesNames(ids).contains(name) ? name
                    : TaskDefinitions.of(task).mainMetric().name();
            var data = history.series(ids, List.of(taskSeries), POINTS);
            Map<Long, List<MetricPoint>> points = new LinkedHashMap<>();
            taskRuns.forEach(r -> points.put(r.id(), data.getOrDefault(r.id(), Map.of()).getOrDefault(taskSeries, List.of())));
            var chart = new CompareChart();
            chart.setId("compare-chart-" + task.id());
            chart.addClassName("compare-chart");
            List<CompareChart.Line> lines = group.getValue() == null ? runLines(taskRuns, points)
                    : groupLines(taskRuns, points);
            chart.show(X_AXES.get(xAxis.getValue()), taskSeries, log.getValue(), Double.parseDouble(smoothing.getValue()),
                    baseline(taskRuns, taskSeries), lines);
            if (byTask.size() > 1) {
                charts.add(new H3(task.label() + ": " + taskSeries + " (" + taskRuns.size()
                        + (taskRuns.size() == 1 ? " run)" : " runs)")));
            }
            charts.add(chart);
        }
    }

    private List<CompareChart.Line> runLines(List<Run> taskRuns, Map<Long, List<MetricPoint>> points) {
        List<CompareChart.Line> lines = new ArrayList<>();
        for (Run r : taskRuns) {
            List<MetricPoint> list = points.get(r.id());
            long origin = list.isEmpty() ? 0 : list.get(0).time().toEpochMilli();
            List<double[]> xy = list.stream().map(p -> new double[] {x(p, origin), p.value()}).toList();
            lines.add(new CompareChart.Line("#" + r.id() + " " + r.name(), xy, null));
        }
        return lines;
    }

    private List<CompareChart.Line> groupLines(List<Run> taskRuns, Map<Long, List<MetricPoint>> points) {
        List<CompareChart.Line> lines = new ArrayList<>();
        boolean range = "range".equals(band.getValue());
        ToLongFunction<MetricPoint> key = "epoch".equals(xAxis.getValue()) ? MetricPoint::epoch : MetricPoint::step;
        Grouping.group(taskRuns, group.getValue()).forEach((value, members) -> {
            List<List<MetricPoint>> series = members.stream().map(r -> points.get(r.id())).toList();
            var bandPoints = Grouping.thin(Grouping.band(series, key), POINTS / 2);
            List<double[]> mean = new ArrayList<>();
            List<double[]> spread = new ArrayList<>();
            for (Grouping.BandPoint b : bandPoints) {
                double x = "seconds".equals(xAxis.getValue()) ? b.seconds() : b.x();
                var s = b.stats();
                mean.add(new double[] {x, s.mean()});
                spread.add(range ? new double[] {x, s.min(), s.max()} : new double[] {x, s.mean() - s.sd(), s.mean() + s.sd()});
            }
            lines.add(new CompareChart.Line(group.getValue() + " " + value + " (n=" + members.size() + ")", mean,
                    spread));
        });
        return lines;
    }

    private double x(MetricPoint p, long originMillis) {
        return switch (xAxis.getValue()) {
            case "step" -> p.step();
            case "seconds" -> (p.time().toEpochMilli() - originMillis) / 1000.0;
            default -> p.epoch();
        };
    }

    /** The task's baseline, drawn when the chart shows its main metric and the runs measured it. */
    private static CompareChart.Baseline baseline(List<Run> taskRuns, String seriesName) {
        MainMetric main = TaskDefinitions.of(taskRuns.get(0).task()).mainMetric();
        if (!main.name().equals(seriesName)) {
            return null;
        }
        var values = taskRuns.stream().filter(r -> r.baselines() != null && r.baselines().get(main.baseline()) != null)
                .map(r -> r.baselines().get(main.baseline())).toList();
        return values.isEmpty() ? null : new CompareChart.Baseline(Grouping.Stats.of(values).mean(),
                main.baselineLabel());
    }

    /** The flat specification fields whose value is not the same for all runs. */
    private List<String> differingFields() {
        List<String> out = new ArrayList<>();
        for (String field : allFields()) {
            if (runs.stream().map(r -> Grouping.value(r, field)).distinct().count() > 1) {
                out.add(field);
            }
        }
        return out;
    }

    private Set<String> allFields() {
        Set<String> fields = new LinkedHashSet<>();
        for (Run r : runs) {
            JsonNode tree = SpecJson.toTree(r.spec());
            tree.fieldNames().forEachRemaining(f -> {
                if (!f.equals("name")) {
                    fields.add(f);
                }
            });
        }
        return fields;
    }

    private void renderConfig() {
        config.removeAll();
        List<String> fields = onlyDiffers.getValue() ? differingFields() : new ArrayList<>(allFields());
        if (fields.isEmpty()) {
            config.add(new Paragraph("Every setting is the same for these runs."));
            return;
        }
        Element table = table("compare-config");
        Element head = new Element("tr");
        head.appendChild(cell("th", "setting"));
        runs.forEach(r -> head.appendChild(cell("th", "#" + r.id())));
        table.appendChild(head);
        Set<String> differing = Set.copyOf(differingFields());
        for (String field : fields) {
            Element row = new Element("tr").setAttribute("data-field", field);
            if (differing.contains(field)) {
                row.getClassList().add("differs");
            }
            row.appendChild(cell("td", field));
            runs.forEach(r -> row.appendChild(cell("td", Grouping.value(r, field))));
            table.appendChild(row);
        }
        config.getElement().appendChild(table);
    }

    private void renderResults() {
        results.removeAll();
        Set<String> metrics = new TreeSet<>();
        runs.forEach(r -> {
            if (r.metrics() != null) {
                metrics.addAll(r.metrics().keySet());
            }
        });
        Map<String, List<Run>> columns = new LinkedHashMap<>();
        if (group.getValue() == null) {
            runs.forEach(r -> columns.put("#" + r.id(), List.of(r)));
        } else {
            Grouping.group(runs, group.getValue()).forEach((v, members) -> columns.put(group.getValue() + " " + v
                    + " (n=" + members.size() + ")", members));
        }
        Element table = table("compare-results");
        Element head = new Element("tr");
        head.appendChild(cell("th", "metric"));
        columns.keySet().forEach(c -> head.appendChild(cell("th", c)));
        table.appendChild(head);
        List<String> rows = new ArrayList<>();
        rows.add("best main metric");
        rows.addAll(metrics);
        for (String metric : rows) {
            Element row = new Element("tr").setAttribute("data-metric", metric);
            row.appendChild(cell("td", metric));
            List<Grouping.Stats> stats = new ArrayList<>();
            columns.values().forEach(members -> stats.add(Grouping.Stats.of(members.stream()
                    .map(r -> metric.equals("best main metric") ? r.bestMetric()
                            : r.metrics() == null ? null : r.metrics().get(metric))
                    .toList())));
            int best = bestIndex(metric, stats);
            for (int i = 0; i < stats.size(); i++) {
                Grouping.Stats s = stats.get(i);
                String text = s.count() == 0 ? "–" : s.count() == 1 ? format(s.mean())
                        : format(s.mean()) + " ± " + format(s.sd());
                Element cell = cell("td", i == best ? text + " ★" : text);
                if (i == best) {
                    cell.getClassList().add("best");
                    cell.getStyle().set("font-weight", "bold");
                }
                row.appendChild(cell);
            }
            table.appendChild(row);
        }
        results.getElement().appendChild(table);
    }

    /** Which column is best in this row, by the metric's direction; -1 when it cannot be told. */
    private int bestIndex(String metric, List<Grouping.Stats> stats) {
        Boolean lowerBetter = lowerIsBetter(metric);
        if (lowerBetter == null || stats.stream().filter(s -> s.count() > 0).count() < 2) {
            return -1;
        }
        int best = -1;
        for (int i = 0; i < stats.size(); i++) {
            if (stats.get(i).count() == 0) {
                continue;
            }
            double v = stats.get(i).mean();
            if (best < 0 || (lowerBetter ? v < stats.get(best).mean() : v > stats.get(best).mean())) {
                best = i;
            }
        }
        return best;
    }

    private Boolean lowerIsBetter(String metric) {
        if (metric.equals("best main metric")) {
            var directions = runs.stream().map(r -> TaskDefinitions.of(r.task()).mainMetric().direction()).distinct()
                    .toList();
            return directions.size() == 1 ? directions.get(0) == MainMetric.Direction.LOWER_IS_BETTER : null;
        }
        for (var t : TaskType.values()) {
            MainMetric m = TaskDefinitions.of(t).mainMetric();
            if (m.name().equals(metric)) {
                return m.direction() == MainMetric.Direction.LOWER_IS_BETTER;
            }
        }
        String n = metric.toLowerCase(Locale.ROOT);
        if (n.contains("loss") || n.contains("bpc") || n.contains("perplexity") || n.contains("mase")
                || n.contains("mae") || n.contains("rmse") || n.contains("error")) {
            return true;
        }
        if (n.contains("accuracy") || n.contains("bleu") || n.contains("match")) {
            return false;
        }
        return null;
    }

    private static Element table(String id) {
        Element table = new Element("table").setAttribute("id", id);
        table.getStyle().set("border-collapse", "collapse").set("font-size", "var(--lumo-font-size-s)");
        return table;
    }

    private static Element cell(String tag, String text) {
        Element e = new Element(tag).setText(text);
        e.getStyle().set("padding", "2px 10px").set("text-align", "left")
                .set("border-bottom", "1px solid var(--lumo-contrast-10pct)");
        return e;
    }

    private static String format(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v);
    }

    /** The metric people judge the task by. */
    static String mainMetric(TaskType task) {
        return TaskDefinitions.of(task).mainMetric().name();
    }
}
