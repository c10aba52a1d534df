package com.seqplay.ui.form;

import com.seqplay.spec.CellType;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.Optimizer;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.TaskType;
import com.seqplay.spec.WeightInit;
import com.fasterxml.jackson.databind.JsonNode;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.Proposal;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.UploadedData;
import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Edits a {@link RunSpec}: the common fields and the current task's own ones, each bound with
 * Vaadin's Binder to a mutable model of the specification. Numbers are typed as text and read in
 * the user's notation, scientific included; an empty or unreadable field is an error on that field.
 * Fields that do not apply (another task's, the threshold of a mode that clips at none, the GRU's
 * update-gate bias for other cells, the columns of an uploaded CSV for a built-in series) are
 * hidden and keep the specification's value. Range checks are {@link SpecValidator}'s, shown on the
 * field each problem names.
 */
public final class RunSpecEditor extends Composite<FormLayout> {
    private final FieldSet<CommonForm> common = new FieldSet<>();
    private final Map<TaskType, TaskSection<?, ?>> sections = new EnumMap<>(TaskType.class);
    private final Select<CellType> cell;
    private final Select<ClippingMode> clipping;
    private final TextField threshold;
    private final ComboBox<String> dataset = new ComboBox<>("Dataset");
    private final Map<String, String> datasetLabels = new LinkedHashMap<>();
    private CommonForm model;
    private TaskType task;
    private UploadedData.Lookup uploads = UploadedData.Lookup.NONE;
    private boolean reading;

    @SuppressWarnings("unchecked")
    public RunSpecEditor() {
        Stream.of(new TextgenSection(), new TranslationSection(), new ForecastingSection(), new MemorySection())
                .forEach(s -> sections.put(s.task(), s));
        for (TaskType t : TaskType.values()) {
            if (!sections.containsKey(t)) {
                throw new IllegalStateException("the New Run form has no section for task " + t.id());
            }
        }

        common.optionalText("Name", "name", SpecValidator.MAX_NAME_LENGTH, CommonForm::getName, CommonForm::setName)
                .helper("Empty: named after the task, cell and dataset.");
        cell = (Select<CellType>) common.choice("Cell", "cell", CellType.class, CommonForm::getCell,
                CommonForm::setCell)
                .helper("LSTM and GRU gates decide what to keep: gradients survive long spans. A plain RNN "
                        + "rewrites its whole state at every step and forgets fast.")
                .component();
        dataset.setAllowCustomValue(true);
        dataset.addCustomValueSetListener(e -> selectDataset(e.getDetail().strip()));
        dataset.setItemLabelGenerator(ref -> datasetLabels.getOrDefault(ref, ref));
        common.add("dataset", dataset, common.binder().forField(dataset)
                .asRequired("Required: choose a dataset or type builtin:... or upload:<id>")
                .bind(CommonForm::getDataset, CommonForm::setDataset));
        clipping = (Select<ClippingMode>) common.choice("Gradient clipping", "clipping.mode", ClippingMode.class,
                CommonForm::getClippingMode, CommonForm::setClippingMode)
                .helper("Caps exploding gradients before each update; global-norm rescales all of them together.")
                .component();
        threshold = (TextField) common.decimal("Clipping threshold", "clipping.threshold",
                CommonForm::getClippingThreshold, CommonForm::setClippingThreshold)
                .shownWhen(state -> state.clipping() != null && state.clipping().usesThreshold())
                .component();
        common.integer("Epochs", "epochs", CommonForm::getEpochs, CommonForm::setEpochs);
        common.integer("Layers", "layers", CommonForm::getLayers, CommonForm::setLayers);
        common.integer("Hidden size", "hiddenSize", CommonForm::getHiddenSize, CommonForm::setHiddenSize);
        common.decimal("Learning rate", "learningRate", CommonForm::getLearningRate, CommonForm::setLearningRate)
                .helper("Scientific notation works: 1e-3 is 0.001.");
        common.choice("Optimiser", "optimizer", Optimizer.class, CommonForm::getOptimizer, CommonForm::setOptimizer);
        common.choice("Weight initialisation", "weightInit", WeightInit.class, CommonForm::getWeightInit,
                CommonForm::setWeightInit);
        common.integer("Batch size", "batchSize", CommonForm::getBatchSize, CommonForm::setBatchSize);
        common.wholeLong("Seed", "seed", CommonForm::getSeed, CommonForm::setSeed);
        common.decimal("GRU update-gate bias", "updateGateBias", CommonForm::getUpdateGateBias,
                CommonForm::setUpdateGateBias)
                .helper("Positive: the GRU starts by keeping its state, so early gradients reach far back.")
                .shownWhen(state -> state.cell() == CellType.GRU);
        common.decimal("Dropout", "dropout", CommonForm::getDropout, CommonForm::setDropout)
                .helper("Share of activations dropped in training: at least 0, below 1.");
        common.integer("Early stopping patience (0: off)", "patience", CommonForm::getPatience,
                CommonForm::setPatience)
                .helper("Epochs without a better validation loss before training stops.");
        common.integer("Time limit (seconds)", "maxWallSeconds", CommonForm::getMaxWallSeconds,
                CommonForm::setMaxWallSeconds)
                .helper("Training stops here and keeps its best epoch.");

        var form = getContent();
        allFields().forEach(f -> form.add(f.component()));
        sections.values().forEach(s -> s.fields().forEach(f -> f.shownWhen(state -> state.task() == s.task())));
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2),
                new FormLayout.ResponsiveStep("1000px", 3));

        cell.addValueChangeListener(e -> refreshVisibility());
        dataset.addValueChangeListener(e -> {
            refreshVisibility();
            if (!reading && e.getValue() != null && !e.getValue().equals(e.getOldValue())) {
                proposeFromData();
            }
        });
        clipping.addValueChangeListener(this::clippingChanged);
    }

    /** Where the form finds the bytes of an uploaded dataset, to propose values from them. */
    public void setUploads(UploadedData.Lookup uploads) {
        this.uploads = uploads;
    }

    /**
     * Shows a completed specification (a task's defaults or a preset); clears every error shown.
     * A field whose value is what the data proposes says why under it.
     */
    public void read(RunSpec spec) {
        reading = true;
        try {
            task = spec.task();
            model = CommonForm.of(spec);
            offer(spec.dataset());
            common.read(model);
            sections.get(task).read(spec.options());
            refreshVisibility();
        } finally {
            reading = false;
        }
        showReasons(spec);
    }

    /**
     * A dataset was chosen: the fields its data decides (for forecasting window, horizon, season,
     * batch, hidden size, epochs, patience) are proposed afresh; the person's other choices stay.
     */
    private void proposeFromData() {
        if (model == null) {
            return;
        }
        common.binder().writeBeanAsDraft(model);
        TaskSection<?, ?> section = sections.get(task);
        section.draft();
        Proposal proposal = SpecValidator.proposeFromData(model.toSpec(section.options()), uploads);
        if (!proposal.reasons().isEmpty()) {
            read(proposal.spec());
        }
    }

    /** Notes the reason under each field whose value is the one the data proposes; others get their usual line. */
    private void showReasons(RunSpec spec) {
        Map<String, String> reasons = Map.of();
        JsonNode shown = SpecJson.toTree(spec);
        JsonNode proposed = null;
        try {
            Proposal p = SpecValidator.proposeFromData(spec, uploads);
            reasons = p.reasons();
            proposed = SpecJson.toTree(p.spec());
        } catch (RuntimeException e) {
            // a specification the data cannot speak for (a bad column): no reasons to show
        }
        JsonNode finalProposed = proposed;
        Map<String, String> finalReasons = reasons;
        allFields().forEach(f -> {
            String reason = finalReasons.get(f.specField());
            boolean same = reason != null && finalProposed != null
                    && shown.path(f.specField()).equals(finalProposed.path(f.specField()));
            f.note(same ? "From the data: " + reason : null);
        });
    }

    /**
     * The specification the form describes, completed and validated.
     *
     * @throws InvalidSpecException listing every problem; each one that has a field is shown on it
     */
    public RunSpec write() {
        TaskSection<?, ?> section = sections.get(task);
        List<SpecProblem> problems = new ArrayList<>(common.write(model));
        problems.addAll(section.write());
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        try {
            return SpecValidator.completeAndValidate(model.toSpec(section.options()));
        } catch (InvalidSpecException e) {
            showProblems(e.problems());
            throw e;
        }
    }

    /** Shows each problem on the field it names; returns those with no field on the form now. */
    public List<SpecProblem> showProblems(List<SpecProblem> problems) {
        List<SpecProblem> elsewhere = new ArrayList<>();
        for (SpecProblem p : problems) {
            shownField(p.field()).ifPresentOrElse(f -> f.showProblem(p.message()), () -> elsewhere.add(p));
        }
        return elsewhere;
    }

    /** "Epochs: must be between 1 and 1000, not 0; Learning rate: ..." with the labels people see. */
    public String describe(List<SpecProblem> problems) {
        return problems.stream()
                .map(p -> shownField(p.field()).map(FormField::label).orElse(p.field()) + ": " + p.message())
                .collect(Collectors.joining("; "));
    }

    /** The datasets to offer (a task's built-ins and uploads); a typed reference is accepted too. */
    public void setDatasets(List<DatasetChoice> choices) {
        String selected = dataset.getValue();
        datasetLabels.clear();
        choices.forEach(c -> datasetLabels.put(c.ref(), c.label()));
        dataset.setItems(List.copyOf(datasetLabels.keySet()));
        if (selected != null) {
            selectDataset(selected);
        }
    }

    /** Selects a dataset by reference, also one the list does not offer (the validator judges it). */
    public void selectDataset(String ref) {
        offer(ref);
        dataset.setValue(ref);
    }

    /** A ComboBox takes only values among its items: a typed or preset reference joins them. */
    private void offer(String ref) {
        if (ref != null && !ref.isBlank() && !datasetLabels.containsKey(ref)) {
            datasetLabels.put(ref, ref);
            dataset.setItems(List.copyOf(datasetLabels.keySet()));
        }
    }

    /** The field editing a specification field (as problems name it), if the form shows it now. */
    public Optional<FormField> shownField(String specField) {
        return allFields().filter(f -> f.specField().equals(specField) && f.shown()).findFirst();
    }

    private Stream<FormField> allFields() {
        return Stream.concat(common.fields().stream(), sections.values().stream().flatMap(s -> s.fields().stream()));
    }

    private void refreshVisibility() {
        var state = new FormState(task, cell.getValue(), clipping.getValue(), dataset.getValue());
        allFields().forEach(f -> f.showFor(state));
    }

    /**
     * A mode that clips at a threshold gets one: its own default when the field was hidden, empty or
     * still at the previous mode's default (values clip at 1, norms at 5); a number the person typed stays.
     */
    private void clippingChanged(HasValue.ValueChangeEvent<ClippingMode> e) {
        ClippingMode before = e.getOldValue();
        ClippingMode now = e.getValue();
        if (e.isFromClient() && now != null && now.usesThreshold()) {
            String text = threshold.getValue().strip();
            boolean untouched = before == null || !before.usesThreshold() || text.isEmpty()
                    || text.equals(NumberText.format(before.defaultThreshold(), locale()));
            if (untouched) {
                threshold.setValue(NumberText.format(now.defaultThreshold(), locale()));
            }
        }
        refreshVisibility();
    }

    private Locale locale() {
        Locale l = getLocale();
        return l == null ? Locale.ENGLISH : l;
    }
}
