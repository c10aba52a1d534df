package com.seqplay.ui;

import com.seqplay.events.health.HealthQuantity;
import com.seqplay.events.sample.ForecastSample;
import com.seqplay.events.sample.GradientReachSample;
import com.seqplay.events.sample.LengthAccuracySample;
import com.seqplay.events.sample.SamplePayload;
import com.seqplay.run.domain.MetricPoint;
import com.seqplay.run.domain.Run;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.RunPanel;
import com.seqplay.task.TaskDefinitions;
import com.seqplay.run.domain.Sample;
import com.seqplay.run.inference.InspectionService;
import com.seqplay.ui.inspect.InsideModelPanel;
import com.seqplay.run.service.PredictionService;
import com.seqplay.run.service.RunNotFoundException;
import com.seqplay.run.service.RunService;
import com.seqplay.run.service.RunUpdate;
import com.seqplay.run.service.RunUpdates;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import com.seqplay.security.NotPermittedException;
import jakarta.annotation.security.PermitAll;
import java.util.concurrent.CompletableFuture;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;

/**
 * One run, live: status, progress and time left, the loss chart, held-out metrics, samples,
 * specification and log. Updates arrive through server push as the trainer reports them.
 */
@Route(value = "runs/:id", layout = MainLayout.class)
@PermitAll
public class RunView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private static final Set<String> LOSS_SERIES = Set.of("train_loss", "val_loss");
    private static final Set<String> GRADIENT_SERIES = Set.of("grad_norm", "clipped");
    private final RunService runs;
    private final RunUpdates updates;
    private final H2 title = new H2();
    private final Paragraph verdict = new Paragraph();
    private final StatusBadge status = new StatusBadge(com.seqplay.run.domain.RunStatus.QUEUED);
    private final ProgressBar progress = new ProgressBar(0, 1, 0);
    private final Span timeLeft = new Span();
    private final Button cancel = new Button("Cancel run");
    /** An INTERRUPTED run with a resume point continues after its last finished epoch. */
    private final Button resume = new Button("Resume", e -> resumeRun());
    private final LossChart lossChart = new LossChart();
    private final HeldOutChart metricChart = new HeldOutChart();
    private final GradientCharts gradientCharts = new GradientCharts();
    private final GradientReachChart reachChart = new GradientReachChart();
    private final ForecastPanel forecastPanel = new ForecastPanel();
    private final TrainingHealthCharts healthCharts = new TrainingHealthCharts();
    private final LengthAccuracyChart lengthChart = new LengthAccuracyChart();
    private final H3 reachTitle = new H3("How far back the gradient reaches");
    private final Paragraph reachText = new Paragraph("The loss at the last character is backpropagated through time "
            + "to each earlier input; the curve is that gradient's size by distance, relative to distance 0 (log scale). "
            + "Where it falls by orders of magnitude the gradient vanishes: nothing that far back can be learned. "
            + "Compare a plain RNN with an LSTM or GRU, before training (epoch 0) and after.");
    private final H3 forecastTitle = new H3("Forecast on the held-out tail");
    private final TryModelPanel tryModel;
    private final InsideModelPanel inside;
    /** Spring's application task executor: slow calls leave the UI thread, bounded and named. */
    private final TaskExecutor background;
    private final Paragraph result = new Paragraph();
    private final VerticalLayout samples = new VerticalLayout();
    private final Pre log = new Pre();
    private final Pre spec = new Pre();
    private long runId;
    private Runnable unsubscribe;

    public RunView(RunService runs, RunUpdates updates, PredictionService predictions, InspectionService inspections,
            TaskExecutor background) {
        this.runs = runs;
        this.updates = updates;
        this.tryModel = new TryModelPanel(predictions, background);
        this.inside = new InsideModelPanel(inspections, background);
        this.background = background;
        status.setId("run-status");
        lossChart.setId("loss-chart");
        lossChart.yAxis(YAxis.linear("loss per predicted step"));
        metricChart.setId("metric-chart");
        result.setId("run-result");
        samples.setId("samples");
        samples.setPadding(false);
        progress.setWidth("20em");
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        cancel.setId("cancel");
        cancel.addClickListener(e -> cancelRun());
        log.setId("run-log");
        log.getStyle().set("max-height", "20em").set("overflow", "auto").set("font-size", "var(--lumo-font-size-xs)");
        resume.setId("resume");
        var header = new HorizontalLayout(title, status, progress, timeLeft, cancel, resume);
        header.setAlignItems(Alignment.CENTER);
        verdict.setId("verdict");
        verdict.getStyle().set("font-size", "var(--lumo-font-size-l)").set("font-weight", "600");
        add(header, verdict, result,
                new H3("Loss (nats per predicted step)"), lossChart,
                new H3("Held-out metrics per epoch"), metricChart,
                new H3("Gradient norm before clipping"),
                new Paragraph("Backpropagation through time multiplies by the recurrent weights once per step: the "
                        + "norm can explode (spikes) or vanish. Below it, the share of steps per epoch that clipping "
                        + "scaled down."),
                gradientCharts,
                new H3("Training health per layer"), healthCharts,
                reachTitle, reachText, reachChart, lengthChart,
                new H3("Try the model"), tryModel, inside,
                forecastTitle, forecastPanel,
                new H3("Samples"), samples,
                new Details("Specification", spec), new Details("Log", log));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("id").orElse("");
        try {
            runId = Long.parseLong(id);
            runs.get(runId);
        } catch (NumberFormatException | RunNotFoundException e) {
            // NotFoundView shows this inside the app layout, with a way back to the runs.
            event.rerouteToError(com.vaadin.flow.router.NotFoundException.class, "There is no run " + id + ".");
        }
    }

    /** Opens the page of a run. */
    public static void open(UI ui, long id) {
        ui.navigate(RunView.class, new com.vaadin.flow.router.RouteParameters("id", Long.toString(id)));
    }

    @Override
    public String getPageTitle() {
        return "Run " + runId + " · Seqplay";
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        // Subscribe first, then load what is stored: a point arriving in between is at worst drawn twice.
        unsubscribe = updates.subscribe(runId, u -> ui.access(() -> apply(u)));
        Run run = runs.get(runId);
        title.setText("#" + run.id() + " " + run.name());
        tryModel.setRun(run);
        metricChart.forTask(run.task());
        gradientCharts.setRun(run);
        var panels = TaskDefinitions.of(run.task()).panels();
        boolean forecasting = panels.contains(RunPanel.FORECAST);
        forecastTitle.setVisible(forecasting);
        forecastPanel.setVisible(forecasting);
        boolean text = panels.contains(RunPanel.GRADIENT_REACH);
        reachTitle.setVisible(text);
        reachText.setVisible(text);
        reachChart.setVisible(text);
        spec.setText(SpecJson.write(run.spec()));
        show(run);
        runs.metrics(runId).values().forEach(this::addPoints);
        runs.samples(runId).forEach(this::addSample);
        refreshLog();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }

    private void apply(RunUpdate u) {
        if (u.run() != null) {
            show(u.run());
            if (u.run().status().isFinal()) {
                refreshLog();
            }
        }
        addPoints(u.points());
        if (u.sample() != null) {
            addSample(u.sample());
            refreshLog();
        }
    }

    private void show(Run run) {
        inside.setRun(run);
        boolean queued = run.status() == com.seqplay.run.domain.RunStatus.QUEUED;
        var slot = queued ? java.util.Optional.ofNullable(runs.queue().get(run.id()))
                : java.util.Optional.<com.seqplay.run.service.QueueSlot>empty();
        status.setStatus(run.status(), slot);
        if (queued) {
            timeLeft.setText(slot.map(s -> "waiting: " + s.waitingFor()).orElse(""));
        }
        progress.setValue(run.progress() == null ? 0 : Math.min(1, run.progress()));
        Long left = run.secondsLeft(Instant.now());
        if (run.status() != com.seqplay.run.domain.RunStatus.QUEUED) {
            timeLeft.setText(left == null ? "" : "about " + Durations.format(left) + " left");
        }
        cancel.setVisible(!run.status().isFinal());
        resume.setVisible(runs.canResume(run));
        run.verdict().ifPresentOrElse(v -> {
            verdict.setText(v.sentence());
            verdict.getStyle().set("color", v.beat() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
            verdict.setVisible(true);
        }, () -> verdict.setVisible(false));
        StringBuilder text = new StringBuilder();
        if (run.backend() != null) {
            // the CPU backend's device text starts with "CPU, ": say it once
            String device = run.device() == null ? "" : run.device();
            String details = device.startsWith(run.backend() + ", ") ? device.substring(run.backend().length() + 2) : device;
            text.append("Trained on ").append(run.backend()).append(details.isEmpty() ? "" : " (" + details + ")").append(". ");
        }
        if (run.metrics() != null) {
            text.append("Result: ").append(RunsView.summary(run.metrics())).append(". ");
        }
        forecastPanel.showScores(run.metrics(), run.baselines());
        if (run.baselines() != null) {
            text.append("Baselines: ").append(RunsView.summary(run.baselines())).append(". ");
        }
        if (run.error() != null) {
            text.append(run.error());
        }
        result.setText(text.toString());
    }

    private void addPoints(List<MetricPoint> points) {
        if (points.isEmpty()) {
            return;
        }
        lossChart.add(points.stream().filter(p -> LOSS_SERIES.contains(p.name())).toList());
        metricChart.add(points.stream().filter(p -> !LOSS_SERIES.contains(p.name())
                && !GRADIENT_SERIES.contains(p.name()) && !HealthQuantity.isHealthSeries(p.name())).toList());
        gradientCharts.add(points);
        healthCharts.add(points);
    }

    private void addSample(Sample s) {
        SamplePayload payload = s.payload();
        if (payload instanceof GradientReachSample) {
            reachChart.show(s);
        } else if (payload instanceof LengthAccuracySample lengths) {
            lengthChart.show(s.epoch(), lengths);
        } else if (payload instanceof ForecastSample) {
            forecastPanel.show(s);
        } else {
            samples.addComponentAsFirst(new SampleView(s.epoch(), payload));
        }
    }

    private void refreshLog() {
        log.setText(String.join("\n", runs.log(runId, 200)));
    }

    private void resumeRun() {
        try {
            show(runs.resume(runId));
        } catch (RuntimeException refused) { // not permitted, not resumable, shutting down: each says why
            Notification.show(refused.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    /** Stopping a trainer takes a few seconds: never in the UI thread. */
    private void cancelRun() {
        cancel.setEnabled(false);
        UI ui = UI.getCurrent();
        // The service checks who is asking: the background thread acts as the logged-in user.
        CompletableFuture.supplyAsync(() -> runs.cancel(runId), new DelegatingSecurityContextExecutor(background))
                .whenComplete((run, error) -> ui.access(() -> {
                    cancel.setEnabled(true);
                    if (error != null && error.getCause() instanceof NotPermittedException refused) {
                        Notification.show(refused.getMessage(), 6000, Notification.Position.MIDDLE)
                                .addThemeVariants(NotificationVariant.LUMO_ERROR);
                    }
                    if (run != null) {
                        show(run);
                    }
                }));
    }
}
