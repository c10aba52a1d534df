package com.seqplay.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.upload.UploadedDataset;
import com.seqplay.upload.service.DatasetService;
import com.seqplay.run.domain.Run;
import com.seqplay.run.service.RunService;
import com.seqplay.spec.CellType;
import com.seqplay.spec.Choice;
import com.seqplay.spec.Optimizer;
import com.seqplay.spec.TokenKind;
import com.seqplay.spec.TranslationOptions;
import com.seqplay.spec.WeightInit;
import com.seqplay.task.BuiltinDataset;
import com.seqplay.task.TaskDefinitions;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.task.Preset;
import com.seqplay.task.Presets;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.SpecProblem;
import com.seqplay.task.SpecValidator;
import com.seqplay.spec.TaskType;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
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
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.receivers.MemoryBuffer;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The New Run form. A preset (or the task's defaults) fills every field, so "Launch" alone trains
 * something sensible; each field the person sees overrides the preset. Problems are shown on the
 * field they concern.
 */
@Route(value = "new", layout = MainLayout.class)
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("New run · Seqplay")
public class NewRunView extends VerticalLayout {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RunService runs;
    private final DatasetService datasets;
    private final Select<TaskType> task = new Select<>();
    private final Select<Preset> preset = new Select<>();
    private final Paragraph presetText = new Paragraph();
    private final Select<CellType> cell = new Select<>();
    private final Select<ClippingMode> clipping = new Select<>();
    private final ComboBox<String> dataset = new ComboBox<>("Dataset");
    private final Select<Optimizer> optimizer = choice("Optimiser", List.of(Optimizer.values()));
    private final Select<WeightInit> weightInit = choice("Weight initialisation", List.of(WeightInit.values()));
    private final Select<TokenKind> tokens = choice("Tokens", List.of(TokenKind.values()));
    private final MemoryBuffer uploadBuffer = new MemoryBuffer();
    private final Upload upload = new Upload(uploadBuffer);
    /** Fields by the specification field they edit; the order is the form's. */
    private final Map<String, HasValue<?, ?>> fields = new LinkedHashMap<>();
    private final Map<TaskType, List<Component>> taskOnly = new LinkedHashMap<>();
    private RunSpec base;

    public NewRunView(RunService runs, DatasetService datasets) {
        this.runs = runs;
        this.datasets = datasets;
        Button launch = new Button("Launch", e -> launch());
        launch.setId("launch");
        launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var header = new com.vaadin.flow.component.orderedlayout.HorizontalLayout(new H2("New run"), launch);
        header.setAlignItems(Alignment.CENTER);
        add(header, new Paragraph("Pick a task and a preset, change what you like, then launch. Every "
                + "field starts at a value that learns on the built-in data in a few minutes."));
        task.setLabel("Task");
        task.setItems(TaskType.values());
        task.setItemLabelGenerator(TaskType::label);
        task.setId("task");
        preset.setLabel("Preset");
        preset.setItemLabelGenerator(Preset::name);
        preset.setId("preset");
        cell.setLabel("Cell");
        cell.setItems(CellType.values());
        cell.setItemLabelGenerator(CellType::label);
        cell.setHelperText("LSTM and GRU gates decide what to keep: gradients survive long spans. A plain RNN "
                + "rewrites its whole state at every step and forgets fast.");
        clipping.setLabel("Gradient clipping");
        clipping.setItems(ClippingMode.values());
        clipping.setItemLabelGenerator(ClippingMode::label);
        clipping.setHelperText("Caps exploding gradients before each update; global-norm rescales all of them together.");
        dataset.setAllowCustomValue(true);
        dataset.addCustomValueSetListener(e -> dataset.setValue(e.getDetail()));
        dataset.setId("dataset");
        upload.setDropLabel(new com.vaadin.flow.component.html.Span("Or drop your own file here"));
        upload.setMaxFileSize(50 * 1024 * 1024);
        upload.addSucceededListener(e -> uploaded(e.getFileName()));

        fields.put("cell", cell);
        fields.put("dataset", dataset);
        fields.put("clipping.mode", clipping);
        fields.put("clipping.threshold", number("Clipping threshold", 0.1));
        fields.put("epochs", integer("Epochs"));
        fields.put("layers", integer("Layers"));
        fields.put("hiddenSize", integer("Hidden size"));
        fields.put("learningRate", number("Learning rate", 0.0001));
        fields.put("optimizer", optimizer);
        fields.put("weightInit", weightInit);
        fields.put("batchSize", integer("Batch size"));
        fields.put("seed", integer("Seed"));
        fields.put("name", text("Name"));
        fields.put("sequenceLength", integer("Sequence length (characters)"));
        fields.put("bpttLength", integer("Truncated BPTT length"));
        fields.put("reach", integer("Reach of the built-in corpus"));
        fields.put("attention", checkbox("Attention"));
        fields.put("bidirectional", checkbox("Bidirectional encoder"));
        fields.put("beamWidth", integer("Beam width"));
        fields.put("tokens", tokens);
        fields.put("window", integer("Look-back window"));
        fields.put("horizon", integer("Forecast horizon"));
        fields.put("period", integer("Season length (0: detect)"));
        taskOnly.put(TaskType.TEXTGEN, List.of(c("sequenceLength"), c("bpttLength"), c("reach")));
        taskOnly.put(TaskType.TRANSLATION, List.of(c("attention"), c("bidirectional"), c("beamWidth"), c("tokens")));
        taskOnly.put(TaskType.FORECASTING, List.of(c("window"), c("horizon"), c("period")));

        var form = new FormLayout();
        form.add(task, preset);
        fields.values().forEach(f -> form.add((Component) f));
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2),
                new FormLayout.ResponsiveStep("1000px", 3));

        add(form, presetText, upload);

        task.addValueChangeListener(e -> selectTask(e.getValue()));
        preset.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                presetText.setText(e.getValue().teaches());
                show(e.getValue().spec());
            }
        });
        task.setValue(TaskType.TEXTGEN);
    }

    private Component c(String field) {
        return (Component) fields.get(field);
    }

    private void selectTask(TaskType t) {
        if (t == null) {
            return;
        }
        taskOnly.forEach((type, components) -> components.forEach(comp -> comp.setVisible(type == t)));
        refreshDatasets(t);
        List<Preset> presets = new ArrayList<>(Presets.forTask(t));
        preset.setItems(presets);
        presetText.setText("");
        show(SpecValidator.complete(RunSpec.of(t)));
    }

    private void refreshDatasets(TaskType t) {
        List<String> ids = new ArrayList<>(TaskDefinitions.of(t).builtins().stream().map(BuiltinDataset::id).toList());
        datasets.list().stream().filter(d -> d.task().equals(t.id())).map(UploadedDataset::ref).forEach(ids::add);
        dataset.setItems(ids);
    }

    /** Puts a completed specification into the fields and keeps it as the base for fields not shown. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void show(RunSpec spec) {
        base = spec;
        ObjectNode json = SpecJson.toTree(spec);
        for (var entry : fields.entrySet()) {
            var node = entry.getKey().equals("clipping.mode") ? json.path("clipping").path("mode")
                    : entry.getKey().equals("clipping.threshold") ? json.path("clipping").path("threshold")
                    : json.path(entry.getKey());
            HasValue field = entry.getValue();
            if (field instanceof Select<?> || field instanceof ComboBox<?>) {
                continue;
            }
            if (node.isMissingNode() || node.isNull()) {
                field.clear();
            } else if (field instanceof IntegerField) {
                field.setValue(node.asInt());
            } else if (field instanceof NumberField) {
                field.setValue(node.asDouble());
            } else if (field instanceof Checkbox) {
                field.setValue(node.asBoolean());
            } else {
                field.setValue(node.asText());
            }
        }
        cell.setValue(spec.cell());
        clipping.setValue(spec.clippingMode());
        optimizer.setValue(spec.optimizer());
        weightInit.setValue(spec.weightInit());
        tokens.setValue(spec.options() instanceof TranslationOptions o ? o.tokens() : null);
        dataset.setValue(spec.dataset());
    }

    /** The base specification with every visible field's value over it. */
    private RunSpec formSpec() {
        ObjectNode json = SpecJson.toTree(base);
        ObjectNode clip = (ObjectNode) json.path("clipping");
        for (var entry : fields.entrySet()) {
            if (!((Component) entry.getValue()).isVisible()) {
                continue;
            }
            Object value = entry.getValue().getValue();
            if (value instanceof CellType c) {
                value = c.id();
            } else if (value instanceof Choice choice) {
                value = choice.id();
            } else if (value instanceof String s && s.isBlank()) {
                value = null;
            }
            ObjectNode target = entry.getKey().startsWith("clipping.") ? clip : json;
            String key = entry.getKey().startsWith("clipping.") ? entry.getKey().substring(9) : entry.getKey();
            if (value == null) {
                target.remove(key);
            } else {
                target.set(key, JSON.valueToTree(value));
            }
        }
        return SpecJson.parse(json.toString());
    }

    private void launch() {
        fields.values().forEach(f -> {
            if (f instanceof HasValidation v) {
                v.setInvalid(false);
            }
        });
        try {
            Run run = runs.submit(formSpec());
            getUI().ifPresent(ui -> RunView.open(ui, run.id()));
        } catch (InvalidSpecException e) {
            for (SpecProblem p : e.problems()) {
                if (fields.get(p.field()) instanceof HasValidation field) {
                    field.setErrorMessage(p.message());
                    field.setInvalid(true);
                }
            }
            error("Not launched: " + e.getMessage());
        }
    }

    private void uploaded(String fileName) {
        try {
            var d = datasets.upload(task.getValue().id(), fileName, uploadBuffer.getInputStream().readAllBytes());
            refreshDatasets(task.getValue());
            dataset.setValue(d.ref());
            Notification.show("Uploaded " + d.fileName() + ": " + d.summary(), 5000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (DatasetFormatException | InvalidSpecException e) {
            error("Upload refused: " + e.getMessage());
        } catch (IOException e) {
            error("Upload failed: " + e.getMessage());
        }
        upload.clearFileList();
    }

    private static void error(String message) {
        Notification.show(message, 8000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    private static <T extends Choice> Select<T> choice(String label, List<T> items) {
        var f = new Select<T>();
        f.setLabel(label);
        f.setItems(items);
        f.setItemLabelGenerator(Choice::label);
        f.setId(idOf(label));
        return f;
    }

    private static IntegerField integer(String label) {
        var f = new IntegerField(label);
        f.setId(idOf(label));
        return f;
    }

    private static NumberField number(String label, double step) {
        var f = new NumberField(label);
        f.setStep(step);
        f.setId(idOf(label));
        return f;
    }

    private static TextField text(String label) {
        var f = new TextField(label);
        f.setId(idOf(label));
        return f;
    }

    private static Checkbox checkbox(String label) {
        var f = new Checkbox(label);
        f.setId(idOf(label));
        return f;
    }

    /** "Hidden size" -> "hidden-size": stable ids for tests and for people writing browser scripts. */
    private static String idOf(String label) {
        return label.toLowerCase().replaceAll("\\(.*\\)", "").trim().replaceAll("[^a-z0-9]+", "-");
    }
}
