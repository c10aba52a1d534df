package com.seqplay.ui;

import jakarta.annotation.security.PermitAll;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.history.RunEdit;
import com.seqplay.run.history.RunHistoryService;
import com.seqplay.run.history.RunQuery;
import com.seqplay.run.history.RunSort;
import com.seqplay.run.health.TrainingHealthFlags;
import com.seqplay.run.service.RunUpdates;
import com.seqplay.spec.CellType;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.TaskType;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridSortOrder;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.SortDirection;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Location;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every run, loaded page by page from the database (the browser never holds them all): filters
 * and the sort order live in the URL ({@code runs?cell=gru&sort=-best}), and so do the chosen
 * columns when they are not the default ones ({@code columns=name,cell,best,seed}),
 * rows multi-selected to compare, edit, clone, export or delete. Statuses and progress update live.
 */
@Route(value = "runs", layout = MainLayout.class)
@PermitAll
@PageTitle("Runs · Seqplay")
public class RunsView extends VerticalLayout implements BeforeEnterObserver {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private final RunHistoryService history;
    private final RunUpdates updates;
    private final Grid<Run> grid = new Grid<>();
    private final TextField text = new TextField();
    private final Select<TaskType> task = choice("Task", TaskType.values(), TaskType::id);
    private final Select<CellType> cell = choice("Cell", CellType.values(), CellType::id);
    private final Select<ClippingMode> clipping = choice("Clipping", ClippingMode.values(), ClippingMode::id);
    private final Select<RunStatus> status = choice("Status", RunStatus.values(),
            s -> s.name().toLowerCase(Locale.ROOT));
    private final TextField tag = new TextField("Tag");
    private final TextField owner = new TextField("Owner");
    private final TextField dataset = new TextField("Dataset");
    private final DatePicker from = new DatePicker("Created from");
    private final DatePicker to = new DatePicker("to");
    private final Span total = new Span();
    private RunQuery query = RunQuery.all();
    /** The URL parameter that lists the visible columns by key (the runs list's own, not a filter). */
    static final String COLUMNS = "columns";
    private final Map<String, Checkbox> columnBoxes = new LinkedHashMap<>();
    private List<String> defaultColumns = List.of();
    private Runnable unsubscribe;
    private long lastRefresh;
    private boolean loading;

    /** Queued runs' places, read once per page fetch rather than once per row. */
    private Map<Long, com.seqplay.run.service.QueueSlot> queueSlots = Map.of();
    private final com.seqplay.run.service.RunService runs;

    public RunsView(RunHistoryService history, RunUpdates updates, TrainingHealthFlags health,
            com.seqplay.run.service.RunService runs) {
        this.runs = runs;
        this.history = history;
        this.updates = updates;
        setSizeFull();
        grid.setId("runs-grid");
        grid.addColumn(Run::id).setHeader("#").setKey("id").setSortProperty("id").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Run::name).setHeader("Name").setKey("name").setSortProperty("name").setFlexGrow(3)
                .setTooltipGenerator(Run::name);
        grid.addColumn(r -> r.task().id()).setHeader("Task").setKey("task").setSortProperty("task").setAutoWidth(true);
        grid.addColumn(r -> r.cell().id()).setHeader("Cell").setKey("cell").setSortProperty("cell").setAutoWidth(true);
        grid.addColumn(r -> r.spec().clippingMode().id()).setHeader("Clipping").setKey("clipping")
                .setSortProperty("clipping").setAutoWidth(true);
        grid.addColumn(r -> r.spec().dataset()).setHeader("Dataset").setKey("dataset").setSortProperty("dataset")
                .setAutoWidth(true).setVisible(false);
        grid.addColumn(Run::seed).setHeader("Seed").setKey("seed").setSortProperty("seed").setAutoWidth(true)
                .setVisible(false);
        grid.addColumn(r -> r.spec().hiddenSize()).setHeader("Hidden").setKey("hiddenSize").setAutoWidth(true)
                .setVisible(false);
        grid.addColumn(Run::owner).setHeader("Owner").setKey("owner").setSortProperty("owner").setAutoWidth(true)
                .setVisible(false);
        grid.addColumn(new ComponentRenderer<>(this::statusBadge)).setHeader("Status").setKey("status")
                .setSortProperty("status").setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(r -> HealthBadge.forRow(health.of(r.id()).orElse(null))))
                .setHeader("Health").setKey("health").setAutoWidth(true);
        grid.addColumn(new ComponentRenderer<>(this::progress)).setHeader("Progress").setKey("progress").setFlexGrow(1);
        grid.addColumn(r -> r.bestMetric() == null ? "" : String.format(Locale.ROOT, "%s %.4g",
                        CompareView.mainMetric(r.task()), r.bestMetric()))
                .setHeader("Main metric").setKey("best").setSortProperty("best").setAutoWidth(true);
        grid.addColumn(r -> r.verdict().map(RunsView::verdictCell).orElse(""))
                .setHeader("Verdict").setKey("verdict").setFlexGrow(2).setTooltipGenerator(r -> r.verdict()
                        .map(com.seqplay.task.Verdict::sentence).orElse(null));
        grid.addColumn(r -> {
            Long s = r.durationSeconds(Instant.now());
            return s == null ? "" : Durations.format(s);
        }).setHeader("Duration").setKey("duration").setSortProperty("duration").setAutoWidth(true);
        grid.addColumn(r -> String.join(", ", r.tags())).setHeader("Tags").setKey("tags").setAutoWidth(true);
        grid.addColumn(r -> WHEN.format(r.createdAt())).setHeader("Created").setKey("created")
                .setSortProperty("created").setAutoWidth(true);
        grid.setMultiSort(false);
        // Rows are identified by run id: a refreshed row (new progress) stays the same selected row.
        grid.setItems(q -> {
            var sorted = query.sortedBy(sortOf(q.getSortOrders()));
            queueSlots = runs.queue();
            return history.search(sorted.page(q.getOffset(), Math.min(q.getLimit(), RunQuery.MAX_LIMIT))).runs().stream();
        }, q -> {
            long n = history.search(query.page(0, 1)).total();
            total.setText(n + (n == 1 ? " run" : " runs"));
            return (int) Math.min(n, Integer.MAX_VALUE);
        }).setIdentifierProvider(Run::id);
        grid.addSortListener(e -> {
            if (!loading) {
                query = query.sortedBy(sortOf(e.getSortOrder().stream().map(o -> new com.vaadin.flow.data.provider
                        .QuerySortOrder(o.getSorted().getKey(), o.getDirection())).toList()));
                pushUrl();
            }
        });
        grid.addItemDoubleClickListener(e -> RunView.open(UI.getCurrent(), e.getItem().id()));
        grid.setSelectionMode(Grid.SelectionMode.MULTI);
        grid.setSizeFull();

        var compare = button("Compare selected", "compare", () -> UI.getCurrent().navigate(CompareView.link(selectedIds())));
        var open = button("Open", "open-run", () -> RunView.open(UI.getCurrent(), selectedIds().get(0)));
        var edit = button("Edit…", "edit-run", () -> editDialog(grid.getSelectedItems().iterator().next()));
        var clone = button("Clone", "clone-run", () -> UI.getCurrent().navigate("new",
                QueryParameters.of("from", Long.toString(selectedIds().get(0)))));
        var export = new Anchor("", "Export");
        export.setId("export-run");
        export.getElement().setAttribute("download", true);
        var delete = button("Delete…", "delete-runs", this::confirmDelete);
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        compare.setEnabled(false);
        open.setEnabled(false);
        edit.setEnabled(false);
        clone.setEnabled(false);
        delete.setEnabled(false);
        export.setVisible(false);
        grid.addSelectionListener(e -> {
            int n = e.getAllSelectedItems().size();
            compare.setEnabled(n >= 2 && n <= RunHistoryService.MAX_COMPARED);
            open.setEnabled(n == 1);
            edit.setEnabled(n == 1);
            clone.setEnabled(n == 1);
            delete.setEnabled(n >= 1);
            export.setVisible(n == 1 && e.getFirstSelectedItem().map(r -> r.status().isFinal()).orElse(false));
            e.getFirstSelectedItem().ifPresent(r -> export.setHref("/api/runs/" + r.id() + "/export"));
        });
        var actions = new HorizontalLayout(new H2("Runs"), total, compare, open, edit, clone, export, delete,
                columnChooser());
        actions.setAlignItems(FlexComponent.Alignment.BASELINE);
        actions.getStyle().set("flex-wrap", "wrap");
        add(actions, filters(), grid);
    }

    private static <T> Select<T> choice(String label, T[] values, java.util.function.Function<T, String> id) {
        var select = new Select<T>();
        select.setLabel(label);
        select.setItems(values);
        select.setItemLabelGenerator(v -> v == null ? "any" : id.apply(v));
        select.setEmptySelectionAllowed(true);
        select.setEmptySelectionCaption("any");
        select.setId("filter-" + label.toLowerCase(Locale.ROOT));
        return select;
    }

    private HorizontalLayout filters() {
        text.setLabel("Search name and notes");
        text.setId("filter-q");
        text.setValueChangeMode(ValueChangeMode.LAZY);
        tag.setId("filter-tag");
        tag.setValueChangeMode(ValueChangeMode.LAZY);
        owner.setValueChangeMode(ValueChangeMode.LAZY);
        dataset.setValueChangeMode(ValueChangeMode.LAZY);
        var clear = new Button("Clear filters", e -> UI.getCurrent().navigate("runs",
                QueryParameters.simple(columnParameter())));
        var row = new HorizontalLayout(text, task, cell, clipping, status, tag, owner, dataset, from, to, clear);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.getStyle().set("flex-wrap", "wrap");
        List.of(text, tag, owner, dataset).forEach(f -> f.addValueChangeListener(e -> filtersChanged()));
        task.addValueChangeListener(e -> filtersChanged());
        cell.addValueChangeListener(e -> filtersChanged());
        clipping.addValueChangeListener(e -> filtersChanged());
        status.addValueChangeListener(e -> filtersChanged());
        from.addValueChangeListener(e -> filtersChanged());
        to.addValueChangeListener(e -> filtersChanged());
        return row;
    }

    private Details columnChooser() {
        var boxes = new VerticalLayout();
        boxes.setPadding(false);
        boxes.setSpacing(false);
        for (var column : grid.getColumns()) {
            if (column.getKey().equals("id")) {
                continue;
            }
            var box = new Checkbox(column.getHeaderText() == null ? column.getKey() : column.getHeaderText(),
                    column.isVisible());
            box.setId("column-" + column.getKey());
            box.addValueChangeListener(e -> {
                column.setVisible(e.getValue());
                if (!loading) {
                    pushUrl();
                }
            });
            columnBoxes.put(column.getKey(), box);
            boxes.add(box);
        }
        defaultColumns = visibleColumns();
        var details = new Details("Columns", boxes);
        details.setId("columns");
        return details;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Map<String, String> p = new LinkedHashMap<>();
        event.getLocation().getQueryParameters().getParameters().forEach((k, v) -> p.put(k, String.join(",", v)));
        String columns = p.remove(COLUMNS);
        try {
            query = RunQuery.parse(p);
        } catch (InvalidSpecException e) {
            Notification.show("Filter ignored: " + e.getMessage(), 6000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            query = RunQuery.all();
        }
        loading = true;
        showColumns(columns == null ? defaultColumns : Arrays.stream(columns.split(",")).map(String::trim).toList());
        text.setValue(query.text() == null ? "" : query.text());
        task.setValue(query.task());
        cell.setValue(query.cell());
        clipping.setValue(query.clipping());
        status.setValue(query.status());
        tag.setValue(query.tag() == null ? "" : query.tag());
        owner.setValue(query.owner() == null ? "" : query.owner());
        dataset.setValue(query.dataset() == null ? "" : query.dataset());
        from.setValue(query.from());
        to.setValue(query.to());
        var column = grid.getColumnByKey(query.sort().column().id());
        if (column != null && !query.sort().equals(RunSort.NEWEST_FIRST)) {
            grid.sort(List.of(new GridSortOrder<>(column, query.sort().descending() ? SortDirection.DESCENDING
                    : SortDirection.ASCENDING)));
        }
        loading = false;
        grid.getDataProvider().refreshAll();
    }

    private void filtersChanged() {
        if (loading) {
            return;
        }
        try {
            query = new RunQuery(task.getValue(), cell.getValue(), clipping.getValue(), status.getValue(),
                    owner.getValue(), tag.getValue(), dataset.getValue(), text.getValue(), from.getValue(),
                    to.getValue(), query.experiment(), query.sort(), 0, RunQuery.DEFAULT_LIMIT);
        } catch (InvalidSpecException e) {
            return;
        }
        pushUrl();
        grid.getDataProvider().refreshAll();
    }

    private void pushUrl() {
        Map<String, String> p = new LinkedHashMap<>(query.page(0, RunQuery.DEFAULT_LIMIT).toParameters());
        p.putAll(columnParameter());
        UI.getCurrent().getPage().getHistory().replaceState(null, new Location("runs", QueryParameters.simple(p)));
    }

    /** The keys of the visible columns, in grid order (the id column always shows). */
    private List<String> visibleColumns() {
        return columnBoxes.keySet().stream().filter(k -> grid.getColumnByKey(k).isVisible()).toList();
    }

    /** {@code columns=...} when the visible columns are not the default ones; nothing otherwise. */
    private Map<String, String> columnParameter() {
        List<String> visible = visibleColumns();
        return visible.equals(defaultColumns) ? Map.of() : Map.of(COLUMNS, String.join(",", visible));
    }

    /** Shows exactly these columns (unknown keys, e.g. of a column that was removed, are ignored). */
    private void showColumns(List<String> keys) {
        columnBoxes.forEach((key, box) -> {
            boolean visible = keys.contains(key);
            grid.getColumnByKey(key).setVisible(visible);
            box.setValue(visible);
        });
    }

    private RunSort sortOf(List<com.vaadin.flow.data.provider.QuerySortOrder> orders) {
        if (orders.isEmpty()) {
            return query.sort();
        }
        var o = orders.get(0);
        return RunSort.parse((o.getDirection() == SortDirection.DESCENDING ? "-" : "") + o.getSorted());
    }

    private List<Long> selectedIds() {
        return grid.getSelectedItems().stream().map(Run::id).sorted().toList();
    }

    private Button button(String text, String id, Runnable action) {
        var b = new Button(text, e -> action.run());
        b.setId(id);
        return b;
    }

    private void editDialog(Run run) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Run #" + run.id());
        var name = new TextField("Name", run.name(), "");
        name.setWidthFull();
        name.setId("edit-name");
        var notes = new TextArea("Notes");
        notes.setValue(run.notes() == null ? "" : run.notes());
        notes.setWidthFull();
        notes.setId("edit-notes");
        var tags = new TextField("Tags (separated by spaces or commas)", String.join(" ", run.tags()), "");
        tags.setWidthFull();
        tags.setId("edit-tags");
        dialog.add(new VerticalLayout(name, notes, tags));
        var save = new Button("Save", e -> {
            try {
                history.annotate(run.id(), new RunEdit(name.getValue(), notes.getValue(),
                        Arrays.stream(tags.getValue().split("[,\\s]+")).filter(s -> !s.isBlank()).toList()));
                dialog.close();
                grid.getDataProvider().refreshAll();
            } catch (InvalidSpecException ex) {
                Notification.show(ex.getMessage(), 6000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        save.setId("edit-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void confirmDelete() {
        List<Run> chosen = new ArrayList<>(grid.getSelectedItems());
        var dialog = new Dialog();
        dialog.setHeaderTitle("Delete " + chosen.size() + (chosen.size() == 1 ? " run?" : " runs?"));
        long active = chosen.stream().filter(r -> !r.status().isFinal()).count();
        dialog.add(new Paragraph("Their metrics, samples, checkpoints and logs are removed for good: "
                + chosen.stream().map(r -> "#" + r.id()).collect(Collectors.joining(", ")) + "."
                + (active > 0 ? " " + active + " of them will be cancelled first." : "")));
        var confirm = new Button("Delete", e -> {
            chosen.forEach(r -> history.delete(r.id()));
            dialog.close();
            grid.deselectAll();
            grid.getDataProvider().refreshAll();
            Notification.show("Deleted " + chosen.size() + (chosen.size() == 1 ? " run" : " runs"), 3000,
                    Notification.Position.BOTTOM_START);
        });
        confirm.setId("delete-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Keep them", e -> dialog.close()), confirm);
        dialog.open();
    }

    private VerticalLayout progress(Run r) {
        var bar = new ProgressBar(0, 1, r.progress() == null ? 0 : r.progress());
        var box = new VerticalLayout(bar);
        box.setPadding(false);
        box.setSpacing(false);
        Long left = r.secondsLeft(Instant.now());
        if (left != null) {
            box.add(new Span("about " + Durations.format(left) + " left"));
        }
        return box;
    }

    private StatusBadge statusBadge(Run run) {
        StatusBadge badge = new StatusBadge(run.status());
        badge.setStatus(run.status(), java.util.Optional.ofNullable(queueSlots.get(run.id())));
        return badge;
    }

    /**
     * A run's overall scores in one line. Per-series scores of a many-series forecast
     * ({@code series.<name>.mase}) are left out: the forecast panel tables them, and fifty series
     * would bury the line.
     */
    static String summary(Map<String, Double> metrics) {
        if (metrics == null) {
            return "";
        }
        return metrics.entrySet().stream()
                .filter(e -> !e.getKey().equals("val_loss") && !e.getKey().startsWith("series."))
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
