package com.seqplay.ui.inspect;

import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.LayerStates;
import com.seqplay.run.domain.Run;
import com.seqplay.run.inference.InspectionLimits;
import com.seqplay.run.inference.InspectionService;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.TaskType;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent.Alignment;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.core.task.TaskExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;

/**
 * "Inside the model": for an input the person types, heatmaps over time of each recurrent layer's
 * hidden state and, for LSTM and GRU, its gates and cell state, computed from the run's own saved
 * model by the inference worker; for translation also the attention of each decoding step. Shown
 * for finished runs of the tasks whose input is text.
 */
public class InsideModelPanel extends VerticalLayout {
    private final InspectionService inspections;
    private final TaskExecutor background;
    private final TextField input = new TextField("Input");
    private final Button show = new Button("Show the inside");
    private final Select<UnitOrder> order = new Select<>();
    private final Span message = new Span();
    private final VerticalLayout layers = new VerticalLayout();
    private Run run;
    private Inspection shown;

    public InsideModelPanel(InspectionService inspections, TaskExecutor background) {
        this.inspections = inspections;
        // the service checks who is asking: the background thread acts as the logged-in user
        this.background = background;
        setId("inside-model");
        setPadding(false);
        input.setId("inside-input");
        input.setWidth("30em");
        input.setMaxLength(InspectionLimits.MAX_INPUT);
        show.setId("inside-show");
        show.addClickListener(e -> inspect());
        order.setId("inside-order");
        order.setLabel("Units");
        order.setItems(UnitOrder.values());
        order.setItemLabelGenerator(UnitOrder::label);
        order.setValue(UnitOrder.ACTIVITY);
        order.addValueChangeListener(e -> draw());
        message.setId("inside-message");
        layers.setId("inside-layers");
        layers.setPadding(false);
        var controls = new HorizontalLayout(input, show, order);
        controls.setAlignItems(Alignment.BASELINE);
        add(new H3("Inside the model"),
                new Paragraph("Type an input and watch, step by step, what each recurrent layer holds and how its "
                        + "gates open and close: computed with this run's own saved weights. One column per input "
                        + "step, one row per unit; hover a cell for its step, token, unit and value. \"Most active "
                        + "first\" puts the units whose hidden state changes most over the input at the top."),
                controls, message, layers);
        setVisible(false);
    }

    /** Shows the panel for finished runs whose model reads text, with an example input for the task. */
    public void setRun(Run run) {
        boolean first = this.run == null || this.run.id() != run.id();
        this.run = run;
        setVisible(run.status().isFinal() && run.task() != TaskType.FORECASTING);
        if (!first) {
            return;
        }
        switch (run.task()) {
            case TEXTGEN -> {
                input.setHelperText("Some text: the model reads it one character at a time.");
                input.setValue("the cat and the dog");
            }
            case MEMORY -> {
                int symbols = run.spec().memory().symbols();
                input.setHelperText("The symbols to remember, then the model reads the gap it trained on and the "
                        + "query \"?\".");
                input.setValue(IntStream.range(0, symbols).mapToObj(i -> String.valueOf((char) ('A' + i % Math.min(26, run.spec().memory().alphabet()))))
                        .collect(Collectors.joining(" ")));
            }
            case TRANSLATION -> input.setHelperText("A sentence in the source language: the encoder reads it, the "
                    + "decoder writes its greedy translation.");
            case FORECASTING -> { }
        }
    }

    private void inspect() {
        if (run == null) {
            return;
        }
        String text = input.getValue();
        try {
            InspectionLimits.check(text);
        } catch (InvalidSpecException e) {
            message.setText(e.getMessage());
            return;
        }
        show.setEnabled(false);
        message.setText("Running the model…");
        UI ui = UI.getCurrent();
        long id = run.id();
        CompletableFuture.supplyAsync(() -> inspections.inspect(id, text), new DelegatingSecurityContextExecutor(background))
                .whenComplete((inspection, error) -> ui.access(() -> {
                    show.setEnabled(true);
                    if (error != null) {
                        Throwable cause = error.getCause() != null ? error.getCause() : error;
                        message.setText("Not shown: " + cause.getMessage());
                        return;
                    }
                    message.setText("");
                    shown = inspection;
                    draw();
                }));
    }

    private void draw() {
        layers.removeAll();
        if (shown == null) {
            return;
        }
        if (shown.attention() != null) {
            layers.add(attention(shown));
        }
        for (LayerStates layer : shown.layers()) {
            layers.add(new H4(layer.layer() + " · " + layer.cell() + " · " + layer.units() + " units"));
            int[] units = order.getValue().of(layer.states().get(LayerStates.HIDDEN));
            List<String> rows = new ArrayList<>();
            for (int u : units) {
                rows.add("unit " + u);
            }
            for (Signal signal : Signal.values()) {
                float[][] values = layer.states().get(signal.key);
                if (values == null) {
                    continue;
                }
                var map = new StateHeatmap();
                map.addClassName("inside-heatmap");
                map.getElement().setAttribute("data-layer", layer.layer());
                map.getElement().setAttribute("data-signal", signal.key);
                map.show(layer.steps(), rows, UnitOrder.rows(values, units), signal.scale, "step", "unit",
                        signal.title);
                layers.add(explained(signal.title, signal.explanation(layer.cell()), map));
            }
        }
    }

    private static Component attention(Inspection inspection) {
        var map = new StateHeatmap();
        map.setId("inside-attention");
        map.addClassName("inside-heatmap");
        map.getElement().setAttribute("data-signal", "attention");
        float[][] weights = new float[inspection.attention().length][];
        for (int r = 0; r < weights.length; r++) {
            weights[r] = new float[inspection.attention()[r].length];
            for (int c = 0; c < weights[r].length; c++) {
                weights[r][c] = (float) inspection.attention()[r][c];
            }
        }
        map.show(inspection.sourceTokens(), inspection.outputTokens(), weights, StateHeatmap.Scale.WEIGHT,
                "source token", "output", "attention weight");
        return explained("Attention while decoding “" + joined(inspection.outputTokens()) + "”",
                "One row per decoding step, top to bottom: which source tokens the decoder looked at when it wrote "
                + "that output token (greedy decoding, one token at a time). Each row sums to one. A sharp diagonal "
                + "means the model reads the source in order; a smeared row means it could not tell where to look.",
                map);
    }

    /** Characters join as they are, words with spaces. */
    static String joined(List<String> tokens) {
        boolean characters = tokens.stream().allMatch(t -> t.codePointCount(0, t.length()) <= 1);
        return String.join(characters ? "" : " ", tokens);
    }

    /** A heatmap with its title and explanation beside it. */
    private static Component explained(String title, String explanation, StateHeatmap map) {
        var text = new Div();
        var heading = new Span(title);
        heading.getStyle().set("font-weight", "600");
        var body = new Paragraph(explanation);
        body.getStyle().set("font-size", "var(--lumo-font-size-s)").set("margin-top", "0.3em");
        text.add(heading, body);
        text.setWidth("20em");
        text.getStyle().set("flex", "none");
        var row = new HorizontalLayout(map, text);
        row.setWidthFull();
        row.setFlexGrow(1, map);
        return row;
    }
}
