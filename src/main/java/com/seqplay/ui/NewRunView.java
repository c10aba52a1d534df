package com.seqplay.ui;

import com.seqplay.dataset.builtin.BuiltinCatalog;
import com.seqplay.run.domain.Run;
import com.seqplay.run.service.RunService;
import com.seqplay.spec.CellType;
import com.seqplay.spec.Clipping;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecDefaults;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.SpecValidator;
import com.seqplay.spec.TaskType;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import java.util.LinkedHashMap;
import java.util.Map;

/** The New Run form: every field starts at the task's default, so "Launch" alone trains something sensible. */
@Route(value = "new", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("New run · Seqplay")
public class NewRunView extends VerticalLayout {
    private final RunService runs;
    private final Select<TaskType> task = new Select<>();
    private final Select<CellType> cell = new Select<>();
    private final Select<ClippingMode> clipping = new Select<>();
    private final NumberField threshold = new NumberField("Clipping threshold");
    private final ComboBox<String> dataset = new ComboBox<>("Dataset");
    private final IntegerField epochs = new IntegerField("Epochs");
    private final IntegerField layers = new IntegerField("Layers");
    private final IntegerField hiddenSize = new IntegerField("Hidden size");
    private final NumberField learningRate = new NumberField("Learning rate");
    private final IntegerField batchSize = new IntegerField("Batch size");
    private final IntegerField sequenceLength = new IntegerField("Sequence length");
    private final IntegerField seed = new IntegerField("Seed");
    private final TextField name = new TextField("Name");
    private final Map<String, HasValidation> fieldsByName = new LinkedHashMap<>();

    public NewRunView(RunService runs) {
        this.runs = runs;
        add(new H2("New run"), new Paragraph("Pick a task and a recurrent cell, then launch. Every field starts at a "
                + "default that learns on the built-in data in a few minutes."));
        task.setLabel("Task");
        task.setItems(SpecValidator.AVAILABLE_TASKS);
        task.setItemLabelGenerator(TaskType::label);
        cell.setLabel("Cell");
        cell.setItems(SpecValidator.AVAILABLE_CELLS);
        cell.setItemLabelGenerator(CellType::label);
        cell.setHelperText("LSTM and GRU gates keep gradients alive over long spans; a plain RNN forgets fast.");
        clipping.setLabel("Gradient clipping");
        clipping.setItems(SpecValidator.AVAILABLE_CLIPPING);
        clipping.setItemLabelGenerator(ClippingMode::label);
        clipping.setHelperText("Clipping caps exploding gradients before the update.");
        learningRate.setStep(0.0001);
        dataset.setAllowCustomValue(true);
        dataset.addCustomValueSetListener(e -> dataset.setValue(e.getDetail()));

        fieldsByName.putAll(Map.of("task", task, "cell", cell, "clipping.mode", clipping, "clipping.threshold", threshold,
                "dataset", dataset, "epochs", epochs, "layers", layers, "hiddenSize", hiddenSize,
                "learningRate", learningRate, "batchSize", batchSize));
        fieldsByName.put("sequenceLength", sequenceLength);
        fieldsByName.put("seed", seed);
        fieldsByName.put("name", name);

        var form = new FormLayout(task, cell, dataset, clipping, threshold, epochs, layers, hiddenSize, learningRate,
                batchSize, sequenceLength, seed, name);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2),
                new FormLayout.ResponsiveStep("1000px", 3));

        Button launch = new Button("Launch", e -> launch());
        launch.setId("launch");
        launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(form, launch);

        task.addValueChangeListener(e -> fillDefaults(e.getValue()));
        task.setValue(TaskType.TEXTGEN);
        name.setId("name");
        epochs.setId("epochs");
        hiddenSize.setId("hidden-size");
    }

    private void fillDefaults(TaskType t) {
        if (t == null) {
            return;
        }
        RunSpec d = SpecDefaults.complete(SpecDefaults.empty(t));
        cell.setValue(d.cellType());
        clipping.setValue(d.clippingMode());
        threshold.setValue(d.clipping().threshold());
        dataset.setItems(BuiltinCatalog.forTask(t).stream().map(BuiltinCatalog.Entry::id).toList());
        dataset.setValue(d.dataset());
        epochs.setValue(d.epochs());
        layers.setValue(d.layers());
        hiddenSize.setValue(d.hiddenSize());
        learningRate.setValue(d.learningRate());
        batchSize.setValue(d.batchSize());
        sequenceLength.setValue(d.sequenceLength());
        seed.setValue(d.seed().intValue());
    }

    private void launch() {
        fieldsByName.values().forEach(f -> f.setInvalid(false));
        var spec = new RunSpec(blankToNull(name.getValue()), task.getValue() == null ? null : task.getValue().id(),
                cell.getValue() == null ? null : cell.getValue().id(),
                new Clipping(clipping.getValue() == null ? null : clipping.getValue().id(), threshold.getValue()),
                dataset.getValue(), null, null, seed.getValue() == null ? null : seed.getValue().longValue(),
                epochs.getValue(), layers.getValue(), hiddenSize.getValue(), null, null, learningRate.getValue(),
                batchSize.getValue(), sequenceLength.getValue(), null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
        try {
            Run run = runs.submit(spec);
            getUI().ifPresent(ui -> RunView.open(ui, run.id()));
        } catch (InvalidSpecException e) {
            for (SpecProblem p : e.problems()) {
                HasValidation field = fieldsByName.get(p.field());
                if (field != null) {
                    field.setErrorMessage(p.message());
                    field.setInvalid(true);
                }
            }
            Notification.show("Not launched: " + e.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
