package com.seqplay.ui;

import com.seqplay.bench.StepTimeReport;
import com.seqplay.run.bench.StepTimeMeasurements;
import com.seqplay.run.domain.MetricPoint;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Why attention models replaced recurrence, shown on this machine: time per training step against
 * sequence length for each recurrent cell and a self-attention model of about the same size,
 * from the latest measurement in the data folder; a button measures again (in a child process).
 */
@Route(value = "why-attention", layout = MainLayout.class)
@PermitAll
@PageTitle("Why attention · Seqplay")
public class WhyAttentionView extends VerticalLayout {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private final StepTimeMeasurements measurements;
    private final LossChart chart = new LossChart();
    private final Paragraph about = new Paragraph();
    private final UnorderedList growth = new UnorderedList();
    private final Paragraph state = new Paragraph();
    private final Button measure = new Button("Measure on this server");

    public WhyAttentionView(StepTimeMeasurements measurements) {
        this.measurements = measurements;
        chart.setId("step-time-chart");
        chart.xAxis(XAxis.named("sequence length (steps)")).yAxis(YAxis.log("ms per training step"));
        about.setId("step-time-about");
        growth.setId("step-time-growth");
        state.setId("step-time-state");
        measure.setId("measure-step-time");
        measure.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        measure.addClickListener(e -> start());
        add(new H2("Why attention models replaced recurrence"),
                new Paragraph("A recurrent cell reads a sequence one step at a time: step t needs the hidden state of "
                        + "step t - 1, so a sequence of 400 steps is a chain of 400 small computations that must wait "
                        + "for each other, however many cores the machine has. Self-attention compares every position "
                        + "with every other in a few large matrix products that run in parallel over all positions; "
                        + "its work grows with the square of the length, but nothing waits."),
                new Paragraph("The chart shows one training step (forward pass, backward pass and update, the fastest "
                        + "of several) of each model on this server's backend, for sequences of growing length (log "
                        + "scale). What decides the race is the hardware: with thousands of parallel units (a GPU) "
                        + "attention's large products cost little more as the sequence grows while the recurrent chain "
                        + "still waits step by step; on a single CPU core every multiplication is paid for one after "
                        + "the other, so attention's quadratic work can make it the slower model, as measured here."),
                chart, about, growth, measure, state);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        show();
    }

    private void show() {
        Optional<StepTimeReport> report;
        try {
            report = measurements.latest();
        } catch (IOException e) {
            state.setText("The latest measurement could not be read (" + e.getMessage() + "): measure again.");
            report = Optional.empty();
        }
        chart.clear();
        growth.removeAll();
        report.ifPresentOrElse(this::draw, () -> about.setText("No measurement yet: press the button (it takes a few "
                + "minutes and trains small networks in a separate process)."));
        boolean running = measurements.isRunning();
        measure.setEnabled(!running);
        if (running) {
            state.setText("Measuring… the chart updates when it is done.");
        }
    }

    private void draw(StepTimeReport report) {
        StepTimeSummary.byModel(report).forEach((model, points) -> chart.set(model, points.stream()
                .map(p -> new MetricPoint(model, p.length(), 0, p.msPerStep(), null)).toList()));
        about.setText(String.format(Locale.ROOT, "Measured %s on %s (%s): batch of %d sequences, hidden size / model "
                        + "width %d, %d one-hot inputs. Fastest per length: %s.", WHEN.format(report.measuredAt()),
                report.backend(), report.device(), report.batch(), report.size(), report.inputs(),
                StepTimeSummary.fastest(report).entrySet().stream().map(e -> e.getKey() + " steps: " + e.getValue())
                        .collect(java.util.stream.Collectors.joining(", "))));
        List<String> lines = StepTimeSummary.growth(report);
        lines.forEach(line -> growth.add(new ListItem(line)));
    }

    private void start() {
        UI ui = UI.getCurrent();
        measure.setEnabled(false);
        try {
            boolean started = measurements.start(code -> ui.access(() -> {
                show();
                state.setText(code == 0 ? "Measured." : "The measurement failed (exit code " + code + "); see "
                        + measurements.logFile() + ".");
            }));
            state.setText(started ? "Measuring… this takes a few minutes; the chart updates when it is done."
                    : "A measurement is already running; the chart updates when it is done.");
        } catch (IOException e) {
            measure.setEnabled(true);
            state.setText("Could not start the measurement: " + e.getMessage());
        }
    }
}
