package com.seqplay.ui;

import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.run.domain.Run;
import com.seqplay.spec.TaskType;
import com.seqplay.run.service.PredictionService;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.core.task.TaskExecutor;

/**
 * Asks the run's saved model for an answer: a continuation of a prompt, a translation, or a
 * forecast of the numbers typed in. Inference runs off the UI thread.
 */
class TryModelPanel extends VerticalLayout {
    private final PredictionService predictions;
    private final TaskExecutor background;
    private final TextField input = new TextField("Input");
    private final NumberField temperature = new NumberField("Temperature");
    private final Button ask = new Button("Ask the model");
    private final Pre output = new Pre();
    private final AttentionMap attention = new AttentionMap();
    private Run run;

    TryModelPanel(PredictionService predictions, TaskExecutor background) {
        this.predictions = predictions;
        this.background = background;
        setPadding(false);
        input.setId("try-input");
        input.setWidth("30em");
        ask.setId("try-ask");
        output.setId("try-output");
        output.getStyle().set("white-space", "pre-wrap");
        temperature.setStep(0.1);
        temperature.setHelperText("Below 1: safer, repetitive. Above 1: surprising, error-prone.");
        ask.addClickListener(e -> ask());
        attention.setId("try-attention");
        attention.setVisible(false);
        add(new HorizontalLayout(input, temperature, ask), output, attention);
    }

    void setRun(Run run) {
        this.run = run;
        switch (run.task()) {
            case TEXTGEN -> {
                input.setHelperText("A prompt: the model continues it one character at a time, carrying its hidden state.");
                temperature.setVisible(true);
                temperature.setValue(0.8);
            }
            case FORECASTING -> {
                input.setHelperText("Recent values separated by commas (at least the look-back window).");
                temperature.setVisible(false);
            }
            case TRANSLATION -> {
                input.setHelperText("A sentence in the source language.");
                temperature.setVisible(false);
            }
            case MEMORY -> {
                input.setHelperText("The symbols the model sees before the distractors, as in the samples "
                        + "(for example C A F): it must name the first one after the gap it trained on.");
                temperature.setVisible(false);
            }
        }
    }

    private void ask() {
        if (run == null) {
            return;
        }
        PredictRequest request;
        try {
            request = request();
        } catch (NumberFormatException e) {
            output.setText("The input must be numbers separated by commas.");
            return;
        }
        ask.setEnabled(false);
        UI ui = UI.getCurrent();
        long id = run.id();
        CompletableFuture.supplyAsync(() -> predictions.predict(id, request), background)
                .whenComplete((p, error) -> ui.access(() -> {
                    ask.setEnabled(true);
                    output.setText(error != null ? message(error) : format(p));
                    boolean withAttention = error == null && p.attention() != null;
                    attention.setVisible(withAttention);
                    if (withAttention) {
                        attention.show(p.sourceTokens(), p.outputTokens(), p.attention());
                    }
                }));
    }

    private PredictRequest request() {
        String text = input.getValue();
        if (run.task() == TaskType.FORECASTING) {
            List<Double> numbers = Arrays.stream(text.split("[,;\\s]+")).filter(s -> !s.isBlank())
                    .map(Double::parseDouble).toList();
            return new PredictRequest(null, numbers, null, null, null, null, null, null);
        }
        return new PredictRequest(text, null, temperature.getValue(), null, null, null, null, null);
    }

    private static String message(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        return "Not answered: " + cause.getMessage();
    }

    private static String format(Prediction p) {
        if (p.output() instanceof List<?> values) {
            return values.stream().map(v -> String.format(java.util.Locale.ROOT, "%.4g", (Double) v))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        return String.valueOf(p.output());
    }
}
