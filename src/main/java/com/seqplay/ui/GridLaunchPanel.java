package com.seqplay.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.seqplay.run.history.Experiment;
import com.seqplay.run.history.ExperimentService;
import com.seqplay.run.history.GridPlan;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Launching a grid from the New Run form: the form's specification is the base, and each line
 * {@code field: value, value, ...} varies one field ({@code cell: rnn, lstm, gru},
 * {@code clipping.mode: none, global-norm}, {@code seed: 1, 2, 3}). The run count shows as the
 * lines are typed; Launch queues them as one experiment and opens its grouped comparison.
 */
final class GridLaunchPanel extends Details {
    private final TextArea lines = new TextArea("Vary (one field per line: field: value, value, ...)");
    private final TextField name = new TextField("Experiment name");
    private final Span count = new Span();

    GridLaunchPanel(ExperimentService experiments, Supplier<RunSpec> base) {
        setSummaryText("Launch a grid of runs");
        setId("grid-launch");
        lines.setId("grid-vary");
        lines.setWidthFull();
        lines.setValue("cell: rnn, lstm, gru\nclipping.mode: none, global-norm\nseed: 1, 2, 3");
        lines.setValueChangeMode(ValueChangeMode.EAGER);
        lines.addValueChangeListener(e -> updateCount());
        name.setId("grid-name");
        name.setValue("cells x clipping");
        count.setId("grid-count");
        var launch = new Button("Launch grid", e -> {
            try {
                Map<String, List<JsonNode>> vary = parse(lines.getValue());
                Experiment experiment = experiments.launch(name.getValue(), SpecJson.toTree(base.get().withName(null)),
                        vary);
                String group = vary.keySet().iterator().next();
                getUI().ifPresent(ui -> ui.navigate(CompareView.experimentLink(experiment.id(), group)));
            } catch (InvalidSpecException ex) {
                Notification.show("Grid not launched: " + ex.getMessage(), 8000, Notification.Position.BOTTOM_START)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        launch.setId("grid-launch-button");
        var row = new HorizontalLayout(name, count, launch);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new VerticalLayout(lines, row));
        updateCount();
    }

    private void updateCount() {
        try {
            long n = GridPlan.count(parse(lines.getValue()));
            count.setText(n + (n == 1 ? " run" : " runs") + (n > GridPlan.MAX_RUNS ? " (at most " + GridPlan.MAX_RUNS
                    + ")" : ""));
        } catch (InvalidSpecException e) {
            count.setText(e.getMessage());
        }
    }

    /** "cell: rnn, gru" lines into field and values; numbers stay numbers. */
    static Map<String, List<JsonNode>> parse(String text) {
        Map<String, List<JsonNode>> vary = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.split("\n")) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new InvalidSpecException("vary", "line " + lineNumber + " must read field: value, value");
            }
            List<JsonNode> values = new ArrayList<>();
            for (String v : line.substring(colon + 1).split(",")) {
                String t = v.trim();
                if (!t.isEmpty()) {
                    values.add(value(t));
                }
            }
            if (values.isEmpty()) {
                throw new InvalidSpecException("vary", "line " + lineNumber + " lists no values");
            }
            vary.put(line.substring(0, colon).trim(), values);
        }
        if (vary.isEmpty()) {
            throw new InvalidSpecException("vary", "name at least one field to vary");
        }
        return vary;
    }

    private static JsonNode value(String text) {
        try {
            return JsonNodeFactory.instance.numberNode(Long.parseLong(text));
        } catch (NumberFormatException e) {
            try {
                return JsonNodeFactory.instance.numberNode(Double.parseDouble(text));
            } catch (NumberFormatException e2) {
                return JsonNodeFactory.instance.textNode(text);
            }
        }
    }
}
