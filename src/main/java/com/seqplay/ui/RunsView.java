package com.seqplay.ui;

import jakarta.annotation.security.PermitAll;
import com.seqplay.run.domain.Run;
import com.seqplay.run.service.RunService;
import com.seqplay.run.service.RunUpdates;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.stream.Collectors;

/** Every run, newest first, loaded page by page; statuses and progress update live. */
@Route(value = "runs", layout = MainLayout.class)
@PermitAll
@PageTitle("Runs · Seqplay")
public class RunsView extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private final RunService runs;
    private final RunUpdates updates;
    private final Grid<Run> grid = new Grid<>();
    private Runnable unsubscribe;
    private long lastRefresh;

    public RunsView(RunService runs, RunUpdates updates) {
        this.runs = runs;
        this.updates = updates;
        setSizeFull();
        grid.setId("runs-grid");
        grid.addColumn(Run::id).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Run::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(Run::task).setHeader("Task").setAutoWidth(true);
        grid.addColumn(Run::cell).setHeader("Cell").setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(r -> new StatusBadge(r.status()))).setHeader("Status").setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(this::progress)).setHeader("Progress").setFlexGrow(1);
        grid.addColumn(r -> r.verdict().map(RunsView::verdictCell).orElse(summary(r.metrics())))
                .setHeader("Result").setFlexGrow(1);
        grid.addColumn(r -> WHEN.format(r.createdAt())).setHeader("Created").setAutoWidth(true);
        // Rows are identified by run id: a refreshed row (new progress) stays the same selected row.
        grid.setItems(query -> runs.list(query.getOffset(), query.getLimit()).stream(), query -> runs.count())
                .setIdentifierProvider(Run::id);
        grid.addItemClickListener(e -> RunView.open(UI.getCurrent(), e.getItem().id()));
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.setSizeFull();
        var compare = new Button("Compare selected", e -> UI.getCurrent().navigate("compare",
                QueryParameters.of("ids", grid.getSelectedItems().stream().map(r -> Long.toString(r.id()))
                        .collect(Collectors.joining(",")))));
        compare.setId("compare");
        compare.setEnabled(false);
        grid.addSelectionListener(e -> compare.setEnabled(e.getAllSelectedItems().size() >= 2));
        add(new HorizontalLayout(new H2("Runs"), compare), grid);
    }

    private VerticalLayout progress(Run r) {
        var bar = new ProgressBar(0, 1, r.progress() == null ? 0 : r.progress());
        var box = new VerticalLayout(bar);
        box.setPadding(false);
        box.setSpacing(false);
        Long left = r.secondsLeft(Instant.now());
        if (left != null) {
            box.add(new com.vaadin.flow.component.html.Span("about " + Durations.format(left) + " left"));
        }
        return box;
    }

    static String summary(Map<String, Double> metrics) {
        if (metrics == null) {
            return "";
        }
        return metrics.entrySet().stream()
                .filter(e -> !e.getKey().equals("val_loss"))
                .map(e -> e.getKey() + " " + String.format("%.3f", e.getValue()))
                .collect(Collectors.joining(", "));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        // Status and progress changes redraw the list, at most twice a second.
        unsubscribe = updates.subscribeAll(u -> {
            if (u.run() != null) {
                ui.access(() -> {
                    long now = System.currentTimeMillis();
                    if (now - lastRefresh > 500 || u.run().status().isFinal()) {
                        lastRefresh = now;
                        grid.getDataProvider().refreshAll();
                    }
                });
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }

    /** "beat seasonal_naive_mase by 33% (mase 0.700)": the verdict in a table cell. */
    static String verdictCell(com.seqplay.task.Verdict v) {
        return String.format(java.util.Locale.ROOT, "%s %s by %.0f%% (%s %.3g)", v.beat() ? "beat" : "lost to",
                v.baseline(), Math.abs(100 * v.relativeGain()), v.metric(), v.value());
    }
}
