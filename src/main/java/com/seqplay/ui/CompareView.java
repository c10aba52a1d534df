package com.seqplay.ui;

import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.JsonNode;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.Sample;
import com.seqplay.run.history.ExperimentNotFoundException;
import com.seqplay.run.history.ExperimentService;
import com.seqplay.run.history.Grouping;
import com.seqplay.run.history.RunHistoryService;
import com.seqplay.run.history.SideBySide;
import com.seqplay.run.service.RunUpdate;
import com.seqplay.run.service.RunUpdates;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.TaskType;
import com.seqplay.task.MainMetric;
import com.seqplay.task.TaskDefinitions;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
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
import java.util.HashMap;
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
 * that differ; the final metrics with the best marked (means +- sd when grouped); the latest
 * samples side by side; and the gradient-reach curves. {@code compare?experiment=7} compares a
 * grid's runs. While any compared run trains, new points and finished runs come in by push.
 *
 * <p>Series are read once per series name and kept while the view shows them: changing the x
 * axis, grouping or band redraws from what is held, and smoothing and log scale are applied in
 * the browser alone.
 */
@Route(value = "compare", layout = MainLayout.class)
@PermitAll
@PageTitle("Compare runs · Seqplay")
public class CompareView extends VerticalLayout implements BeforeEnterObserver {
    private static final int POINTS = 2000;
    private static final Map<String, String> X_AXES = Map.of("step", "step", "epoch", "epoch", "seconds",
            "wall time (s)");
    /** Live redraws at most this often while runs train: each one reads the series again. */
    private static final long LIVE_REDRAW_MILLIS = 2000;
    private final RunHistoryService history;
    private final ExperimentService experiments;
    private final RunUpdates updates;
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
    private final Div samples = new Div();
    private final Div reach = new Div();
    private final Div distance = new Div();
    private final H3 reachTitle = new H3("How far back the gradient reaches");
    private List<Run> runs = List.of();
    /** The experiment compared, when the URL names one: its runs are read again on each live redraw. */
    private Long experiment;
    /** Per series name: each run's points, as read (thinned) for the charts. */
    private final Map<String, Map<Long, List<MetricPoint>>> seriesCache = new HashMap<>();
    private final Map<TaskType, CompareChart> chartsByTask = new LinkedHashMap<>();
    private List<String> differing = List.of();
    private Set<String> allFields = Set.of();
    private boolean loading;
    private final List<Runnable> subscriptions = new ArrayList<>();
    private long lastLiveRedraw;

    public CompareView(RunHistoryService history, ExperimentService experiments, RunUpdates updates) {
        this.history = history;
        this.experiments = experiments;
        this.updates = updates;
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
        samples.setId("compare-samples");
        samples.setWidthFull();
        reach.setId("compare-reach");
        reach.setWidthFull();
        reachTitle.setVisible(false);
        var controls = new HorizontalLayout(series, xAxis, smoothing, group, band, log);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);
        controls.getStyle().set("flex-wrap", "wrap");
        add(new H2("Compare runs"), controls, charts, new H3("Configuration"), onlyDiffers, config,
                new H3("Final metrics"), results, distance, new H3("Samples side by side"), samples, reachTitle, reach);
        series.addValueChangeListener(e -> changed(this::renderCharts));
        xAxis.addValueChangeListener(e -> changed(this::renderCharts));
        smoothing.addValueChangeListener(e -> changed(this::styleCharts));
        log.addValueChangeListener(e -> changed(this::styleCharts));
        group.addValueChangeListener(e -> changed(this::render));
        band.addValueChangeListener(e -> changed(() -> {
            renderCharts();
            renderReach();
        }));
        onlyDiffers.addValueChangeListener(e -> changed(this::renderConfig));
    }

    /** The link that opens an experiment's runs here, grouped by {@code group} (or not, if null). */
    public static String experimentLink(long experimentId, String group) {
        return "compare?experiment=" + experimentId + (group == null ? "" : "&group=" + group);
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
        experiment = null;
        if (p.containsKey("experiment")) {
            try {
                experiment = Long.parseLong(p.get("experiment").trim());
                ids = experiments.get(experiment).runIds();
            } catch (NumberFormatException | ExperimentNotFoundException e) {
                charts.removeAll();
                charts.add(new Paragraph("There is no experiment " + p.get("experiment") + "."));
                return;
            }
        }
        runs = history.existing(ids.stream().limit(RunHistoryService.MAX_COMPARED).toList());
        seriesCache.clear();
        if (runs.isEmpty()) {
            charts.removeAll();
            charts.add(new Paragraph(experiment != null ? "This experiment has no runs left."
                    : "Select runs in the Runs list, then Compare."));
            return;
        }
        loading = true;
        fieldsChanged();
        subscribe();
        List<String> names = new ArrayList<>(history.seriesNames(runs.stream().map(Run::id).toList()));
        String main = mainMetric(runs.get(0).task());
        series.setItems(names);
        series.setValue(pick(p.get("series"), names, names.contains(main) ? main
                : names.contains("val_loss") ? "val_loss" : names.isEmpty() ? null : names.get(0)));
        xAxis.setValue(pick(p.get("x"), List.of("step", "epoch", "seconds"), "epoch"));
        smoothing.setValue(pick(p.get("smooth"), List.of("0", "0.6", "0.8", "0.9", "0.95", "0.99"), "0"));
        log.setValue("true".equals(p.get("log")));
        List<String> fields = differing;
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

    /** A control changed: the URL follows it, and only what depends on that control is redrawn. */
    private void changed(Runnable redraw) {
        if (loading || runs.isEmpty()) {
            return;
        }
        Map<String, String> p = new LinkedHashMap<>();
        if (experiment != null) {
            p.put("experiment", Long.toString(experiment));
        } else {
            p.put("runs", String.join(",", runs.stream().map(r -> Long.toString(r.id())).toList()));
        }
        put(p, "group", group.getValue());
        put(p, "series", series.getValue());
        put(p, "x", "epoch".equals(xAxis.getValue()) ? null : xAxis.getValue());
        put(p, "smooth", "0".equals(smoothing.getValue()) ? null : smoothing.getValue());
        put(p, "log", log.getValue() ? "true" : null);
        put(p, "band", "sd".equals(band.getValue()) ? null : band.getValue());
        put(p, "differs", onlyDiffers.getValue() ? null : "all");
        UI.getCurrent().getPage().getHistory().replaceState(null, new Location("compare", QueryParameters.simple(p)));
        band.setEnabled(group.getValue() != null);
        redraw.run();
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
        distance.removeAll();
        distance.setWidthFull();
        MemoryDistanceChart.of(runs).ifPresent(distance::add);
        renderSamples();
    }

    /**
     * One chart per task (runs of different tasks never share an axis). The chart components stay
     * while the tasks do, so a redraw only sends them new lines.
     */
    private void renderCharts() {
        String name = series.getValue();
        if (name == null) {
            charts.removeAll();
            chartsByTask.clear();
            charts.add(new Paragraph("These runs have no recorded series yet."));
            return;
        }
        Map<TaskType, List<Run>> byTask = new LinkedHashMap<>();
        runs.forEach(r -> byTask.computeIfAbsent(r.task(), t -> new ArrayList<>()).add(r));
        if (!chartsByTask.keySet().equals(byTask.keySet())) {
            charts.removeAll();
            chartsByTask.clear();
        }
        for (var entry : byTask.entrySet()) {
            TaskType task = entry.getKey();
            List<Run> taskRuns = entry.getValue();
            // A series another task reports (bpc for a memory run) would leave this task's chart
            // empty: such a task draws its own main metric instead.
            Map<Long, List<MetricPoint>> data = points(name);
            String taskSeries = taskRuns.stream().anyMatch(r -> data.containsKey(r.id())) ? name
                    : TaskDefinitions.of(task).mainMetric().name();
            Map<Long, List<MetricPoint>> read = points(taskSeries);
            Map<Long, List<MetricPoint>> points = new LinkedHashMap<>();
            taskRuns.forEach(r -> points.put(r.id(), read.getOrDefault(r.id(), List.of())));
            CompareChart chart = chartsByTask.get(task);
            if (chart == null) {
                chart = new CompareChart();
                chart.setId("compare-chart-" + task.id());
                chart.addClassName("compare-chart");
                chartsByTask.put(task, chart);
                if (byTask.size() > 1) {
                    charts.add(new H3(task.label() + " (" + taskRuns.size() + (taskRuns.size() == 1 ? " run)" : " runs)")));
                }
                charts.add(chart);
            }
            List<CompareChart.Line> lines = group.getValue() == null ? runLines(taskRuns, points)
                    : groupLines(taskRuns, points);
            chart.show(X_AXES.get(xAxis.getValue()), taskSeries, !"seconds".equals(xAxis.getValue()),
                    baseline(taskRuns, taskSeries), lines);
        }
        styleCharts();
    }

    /** Smoothing and log scale: properties of the charts, applied in the browser. */
    private void styleCharts() {
        double weight = Double.parseDouble(smoothing.getValue());
        chartsByTask.values().forEach(c -> {
            c.setSmoothing(weight);
            c.setLog(log.getValue());
        });
    }

    /** Every compared run's points of one series, read once (all runs in one query) and then kept. */
    private Map<Long, List<MetricPoint>> points(String name) {
        return seriesCache.computeIfAbsent(name, n -> {
            Map<Long, List<MetricPoint>> out = new LinkedHashMap<>();
            history.series(runs.stream().map(Run::id).toList(), List.of(n), POINTS)
                    .forEach((id, byName) -> out.put(id, byName.getOrDefault(n, List.of())));
            return out;
        });
    }

    /** The latest samples side by side, then the gradient-reach curves, from one read of the samples. */
    private void renderSamples() {
        Set<String> kinds = new LinkedHashSet<>(CompareSamples.KINDS);
        kinds.add("gradient_reach");
        latestSamples = history.latestSamples(runs.stream().map(Run::id).toList(), kinds);
        samples.removeAll();
        CompareSamples.of(runs, latestSamples, group.getValue()).forEach(samples::add);
        renderReach();
    }

    private Map<Long, List<Sample>> latestSamples = Map.of();

    /**
     * Each run's latest gradient-reach curve (or each group's mean and spread), on a log scale:
     * where an RNN's curve falls off in a few steps and an LSTM's stays up, the vanishing gradient
     * is there to see.
     */
    private void renderReach() {
        reach.removeAll();
        List<Long> ids = runs.stream().map(Run::id).toList();
        List<SideBySide.ReachCurve> curves = SideBySide.reach(ids, latestSamples);
        reachTitle.setVisible(!curves.isEmpty());
        if (curves.isEmpty()) {
            return;
        }
        Map<Long, List<MetricPoint>> byRun = new LinkedHashMap<>();
        Map<Long, Integer> epochs = new HashMap<>();
        for (SideBySide.ReachCurve c : curves) {
            List<MetricPoint> points = new ArrayList<>();
            for (int d = 0; d < c.relativeNorm().length; d++) {
                if (c.relativeNorm()[d] > 0) {
                    points.add(new MetricPoint("reach", d, c.epoch(), c.relativeNorm()[d], java.time.Instant.EPOCH));
                }
            }
            byRun.put(c.run(), points);
            epochs.put(c.run(), c.epoch());
        }
        List<Run> reachRuns = runs.stream().filter(r -> byRun.containsKey(r.id())).toList();
        List<CompareChart.Line> lines = new ArrayList<>();
        if (group.getValue() == null) {
            for (Run r : reachRuns) {
                lines.add(new CompareChart.Line("#" + r.id() + " " + r.name() + " · epoch " + epochs.get(r.id()),
                        byRun.get(r.id()).stream().map(p -> new double[] {p.step(), p.value()}).toList(), null));
            }
        } else {
            lines.addAll(bandLines(reachRuns, byRun, MetricPoint::step, false));
        }
        var chart = new CompareChart();
        chart.setId("compare-reach-chart");
        chart.addClassName("compare-reach");
        chart.show("distance (steps back)", "gradient size relative to distance 0", true, null, lines);
        chart.setLog(true);
        reach.add(new Paragraph("The loss at the last step, backpropagated through time: how large its gradient"
                + " still is k steps back, at each run's latest epoch."), chart);
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
        ToLongFunction<MetricPoint> key = "epoch".equals(xAxis.getValue()) ? MetricPoint::epoch : MetricPoint::step;
        return bandLines(taskRuns, points, key, "seconds".equals(xAxis.getValue()));
    }

    /** Per group: the mean line over its runs at each x, and its band (sd or range). */
    private List<CompareChart.Line> bandLines(List<Run> members, Map<Long, List<MetricPoint>> points,
            ToLongFunction<MetricPoint> key, boolean seconds) {
        List<CompareChart.Line> lines = new ArrayList<>();
        boolean range = "range".equals(band.getValue());
        Grouping.group(members, group.getValue()).forEach((value, groupRuns) -> {
            List<List<MetricPoint>> series = groupRuns.stream().map(r -> points.getOrDefault(r.id(), List.of())).toList();
            var bandPoints = Grouping.thin(Grouping.band(series, key), POINTS / 2);
            List<double[]> mean = new ArrayList<>();
            List<double[]> spread = new ArrayList<>();
            for (Grouping.BandPoint b : bandPoints) {
                double x = seconds ? b.seconds() : b.x();
                var s = b.stats();
                mean.add(new double[] {x, s.mean()});
                spread.add(range ? new double[] {x, s.min(), s.max()} : new double[] {x, s.mean() - s.sd(), s.mean() + s.sd()});
            }
            lines.add(new CompareChart.Line(group.getValue() + " " + value + " (n=" + groupRuns.size() + ")", mean,
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

    /**
     * Works out, once per set of runs, the flat specification fields and those whose value is not
     * the same for all runs.
     */
    private void fieldsChanged() {
        Set<String> fields = new LinkedHashSet<>();
        for (Run r : runs) {
            JsonNode tree = SpecJson.toTree(r.spec());
            tree.fieldNames().forEachRemaining(f -> {
                if (!f.equals("name")) {
                    fields.add(f);
                }
            });
        }
        List<String> out = new ArrayList<>();
        for (String field : fields) {
            if (runs.stream().map(r -> Grouping.value(r, field)).distinct().count() > 1) {
                out.add(field);
            }
        }
        allFields = fields;
        differing = List.copyOf(out);
    }

    private void renderConfig() {
        config.removeAll();
        List<String> fields = onlyDiffers.getValue() ? differing : new ArrayList<>(allFields);
        if (fields.isEmpty()) {
            config.add(new Paragraph("Every setting is the same for these runs."));
            return;
        }
        Element table = table("compare-config");
        Element head = new Element("tr");
        head.appendChild(cell("th", "setting"));
        runs.forEach(r -> head.appendChild(cell("th", "#" + r.id())));
        table.appendChild(head);
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
        rows.add(MAIN_ROW);
        rows.addAll(metrics);
        for (String metric : rows) {
            Element row = new Element("tr").setAttribute("data-metric", metric);
            row.appendChild(cell("td", metric));
            List<Grouping.Stats> stats = new ArrayList<>();
            columns.values().forEach(members -> stats.add(Grouping.Stats.of(members.stream()
                    .map(r -> metric.equals(MAIN_ROW) ? mainValue(r)
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
        if (metric.equals(MAIN_ROW)) {
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
        return HtmlTable.table(id);
    }

    private static Element cell(String tag, String text) {
        return HtmlTable.cell(tag, text);
    }

    private static String format(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.4g", v);
    }

    /** The row of each run's main metric, the value its verdict judges. */
    private static final String MAIN_ROW = "main metric";

    /**
     * The value of the main metric that the run's verdict judges: the thorough evaluation's where
     * the run made one, else the final result's (for the memory probe the test accuracy, not the
     * best validation accuracy), else, while a run trains, the best so far.
     */
    static Double mainValue(Run r) {
        return TaskDefinitions.of(r.task()).mainMetric().judged(r.metrics()).orElse(r.bestMetric());
    }

    @Override
    protected void onAttach(AttachEvent event) {
        subscribe();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        unsubscribe();
    }

    /**
     * Listens to the compared runs that still train (all of them for an experiment, whose runs may
     * still be queued): their new points and their end redraw the view, at most every two seconds
     * while points come in, at once when a run finishes.
     */
    private void subscribe() {
        unsubscribe();
        UI ui = UI.getCurrent();
        if (ui == null || runs.isEmpty()) {
            return;
        }
        for (Run r : runs) {
            if (!r.status().isFinal()) {
                subscriptions.add(updates.subscribe(r.id(), u -> ui.access(() -> live(u))));
            }
        }
    }

    private void unsubscribe() {
        subscriptions.forEach(Runnable::run);
        subscriptions.clear();
    }

    private void live(RunUpdate u) {
        boolean finished = u.run() != null && u.run().status().isFinal();
        long now = System.currentTimeMillis();
        if (!finished && now - lastLiveRedraw < LIVE_REDRAW_MILLIS) {
            return;
        }
        lastLiveRedraw = now;
        List<Long> ids = experiment != null ? experiments.get(experiment).runIds() : runs.stream().map(Run::id).toList();
        runs = history.existing(ids.stream().limit(RunHistoryService.MAX_COMPARED).toList());
        seriesCache.clear();
        if (runs.isEmpty()) {
            return;
        }
        fieldsChanged();
        List<String> names = history.seriesNames(runs.stream().map(Run::id).toList());
        if (!names.equals(series.getListDataView().getItems().toList())) {
            loading = true;
            String chosen = series.getValue();
            series.setItems(names);
            series.setValue(chosen != null && names.contains(chosen) ? chosen : names.isEmpty() ? null
                    : names.contains(mainMetric(runs.get(0).task())) ? mainMetric(runs.get(0).task()) : names.get(0));
            loading = false;
        }
        render();
        if (finished) {
            subscribe();
        }
    }

    /** The metric people judge the task by. */
    static String mainMetric(TaskType task) {
        return TaskDefinitions.of(task).mainMetric().name();
    }
}
