package com.seqplay.ui;

import jakarta.annotation.security.PermitAll;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.TaskType;
import com.seqplay.task.TaskDefinitions;
import com.seqplay.run.service.RunNotFoundException;
import com.seqplay.run.service.RunService;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Several runs side by side: their held-out curves on one chart and the settings that differ,
 * so that a person sees what a change of cell, clipping or size did.
 */
@Route(value = "compare", layout = MainLayout.class)
@PermitAll
@PageTitle("Compare runs · Seqplay")
public class CompareView extends VerticalLayout implements BeforeEnterObserver {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SETTINGS = List.of("cell", "clipping", "dataset", "layers", "hiddenSize",
            "learningRate", "optimizer", "batchSize", "epochs", "attention", "seed");
    private final RunService runs;
    private final LossChart validation = new LossChart();
    private final LossChart training = new LossChart();
    private final Grid<Run> table = new Grid<>();

    public CompareView(RunService runs) {
        this.runs = runs;
        validation.setId("compare-chart");
        validation.xAxis(XAxis.EPOCH);
        training.yAxis(YAxis.linear("training loss per predicted step"));
        table.addColumn(r -> "#" + r.id()).setHeader("Run").setAutoWidth(true).setFlexGrow(0);
        table.addColumn(Run::name).setHeader("Name");
        table.addColumn(r -> r.status().name()).setHeader("Status").setAutoWidth(true);
        table.addColumn(CompareView::settings).setHeader("Settings").setFlexGrow(3);
        table.addColumn(r -> RunsView.summary(r.metrics())).setHeader("Result").setFlexGrow(2);
        table.addColumn(r -> RunsView.summary(r.baselines())).setHeader("Baselines").setFlexGrow(2);
        table.setAllRowsVisible(true);
        add(new H2("Compare runs"), table, new H3("Held-out metric per epoch"), validation,
                new H3("Training loss"), training);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> ids = event.getLocation().getQueryParameters().getParameters().getOrDefault("ids", List.of());
        List<Run> selected = new ArrayList<>();
        for (String part : String.join(",", ids).split(",")) {
            try {
                selected.add(runs.get(Long.parseLong(part.trim())));
            } catch (NumberFormatException | RunNotFoundException e) {
                // an id that does not exist (any more) is simply left out
            }
        }
        if (selected.isEmpty()) {
            add(new Paragraph("Select runs in the Runs list, then Compare."));
            return;
        }
        table.setItems(selected);
        validation.yAxis(YAxis.linear(String.join(", ", selected.stream().map(r -> mainMetric(r.task())).distinct().toList())));
        for (Run run : selected) {
            Map<String, List<MetricPoint>> series = runs.metrics(run.id());
            String main = mainMetric(run.task());
            validation.add(renamed(series.getOrDefault(main, List.of()), "#" + run.id() + " " + main));
            training.add(renamed(series.getOrDefault("train_loss", List.of()), "#" + run.id() + " train_loss"));
        }
    }

    /** The metric people judge the task by. */
    static String mainMetric(TaskType task) {
        return TaskDefinitions.of(task).mainMetric().name();
    }

    private static List<MetricPoint> renamed(List<MetricPoint> points, String name) {
        return points.stream().map(p -> new MetricPoint(name, p.step(), p.epoch(), p.value(), p.time())).toList();
    }

    private static String settings(Run run) {
        JsonNode spec = SpecJson.toTree(run.spec());
        var parts = new ArrayList<String>();
        for (String key : SETTINGS) {
            JsonNode v = spec.get(key);
            if (v != null) {
                parts.add(key + " " + (v.isObject() ? v.path("mode").asText() + " " + v.path("threshold").asText("")
                        : v.asText()));
            }
        }
        return String.join(", ", parts);
    }
}
