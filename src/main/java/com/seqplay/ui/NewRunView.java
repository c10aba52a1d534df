package com.seqplay.ui;

import jakarta.annotation.security.PermitAll;
import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.run.domain.Run;
import com.seqplay.run.history.ExperimentService;
import com.seqplay.run.service.RunNotFoundException;
import com.seqplay.run.service.RunService;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.TaskType;
import com.seqplay.task.Preset;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.TaskDefinition;
import com.seqplay.task.TaskDefinitions;
import com.seqplay.ui.form.DatasetChoice;
import com.seqplay.ui.form.RunSpecEditor;
import com.seqplay.upload.UploadedDataset;
import com.seqplay.upload.service.DatasetService;
import com.seqplay.upload.service.StorageQuotaExceededException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.receivers.MemoryBuffer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The New Run form. A preset (or the task's defaults) fills every field, so "Launch" alone trains
 * something sensible; each field the person sees overrides the preset. The fields themselves and
 * their checks are the {@link RunSpecEditor}'s; this view picks the task and preset, offers the
 * datasets and uploads, and launches.
 */
@Route(value = "new", layout = MainLayout.class)
@PermitAll
@RouteAlias(value = "", layout = MainLayout.class)
@PageTitle("New run · Seqplay")
public class NewRunView extends VerticalLayout implements BeforeEnterObserver {
    private final RunService runs;
    private final DatasetService datasets;
    private final Select<TaskType> task = new Select<>();
    private final Select<Preset> preset = new Select<>();
    private final Paragraph presetText = new Paragraph();
    private final RunSpecEditor editor = new RunSpecEditor();
    private final MemoryBuffer uploadBuffer = new MemoryBuffer();
    private final Upload upload = new Upload(uploadBuffer);

    public NewRunView(RunService runs, DatasetService datasets, ExperimentService experiments) {
        this.runs = runs;
        this.datasets = datasets;
        editor.setUploads(datasets::content);
        Button launch = new Button("Launch", e -> launch());
        launch.setId("launch");
        launch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var header = new HorizontalLayout(new H2("New run"), launch);
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
        var choices = new FormLayout(task, preset);
        choices.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("600px", 2),
                new FormLayout.ResponsiveStep("1000px", 3));

        upload.setDropLabel(new Span("Or drop your own file here"));
        upload.setMaxFileSize(50 * 1024 * 1024);
        upload.addSucceededListener(e -> uploaded(e.getFileName()));
        add(choices, presetText, editor, upload, new GridLaunchPanel(experiments, editor::write));

        task.addValueChangeListener(e -> selectTask(e.getValue()));
        preset.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                presetText.setText(e.getValue().teaches());
                editor.read(e.getValue().spec());
            }
        });
        task.setValue(TaskType.TEXTGEN);
    }

    /** {@code new?from=31} opens the form filled with run 31's specification (Clone in the Runs list). */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var from = event.getLocation().getQueryParameters().getParameters().getOrDefault("from", List.of());
        if (from.isEmpty()) {
            return;
        }
        try {
            Run source = runs.get(Long.parseLong(from.get(0).trim()));
            task.setValue(source.task());
            presetText.setText("A copy of run #" + source.id() + " (" + source.name() + "): change what you like.");
            editor.read(source.spec().withName(null));
        } catch (NumberFormatException | RunNotFoundException e) {
            error("No run " + from.get(0) + " to copy: the form shows the defaults.");
        }
    }

    private void selectTask(TaskType t) {
        if (t == null) {
            return;
        }
        TaskDefinition definition = TaskDefinitions.of(t);
        preset.setItems(definition.presets());
        presetText.setText("");
        upload.setVisible(definition.acceptsUploads());
        refreshDatasets(t);
        editor.read(SpecValidator.complete(RunSpec.of(t)));
    }

    /** The task's built-in datasets, then the files uploaded for it. */
    private void refreshDatasets(TaskType t) {
        List<DatasetChoice> choices = new ArrayList<>();
        TaskDefinitions.of(t).builtins().forEach(b -> choices.add(new DatasetChoice(b.id(), b.id() + " · "
                + b.description())));
        datasets.list().stream().filter(d -> d.task().equals(t.id()))
                .forEach(d -> choices.add(new DatasetChoice(d.ref(), label(d))));
        editor.setDatasets(choices);
    }

    private static String label(UploadedDataset d) {
        return d.fileName() + " (" + d.ref() + ") · " + d.summary();
    }

    private void launch() {
        try {
            Run run = runs.submit(editor.write());
            getUI().ifPresent(ui -> RunView.open(ui, run.id()));
        } catch (InvalidSpecException e) {
            // the form has shown its own problems; the service may find more (an upload's columns)
            List<SpecProblem> problems = e.problems();
            editor.showProblems(problems);
            error("Not launched: " + editor.describe(problems));
        }
    }

    private void uploaded(String fileName) {
        try {
            var d = datasets.upload(task.getValue().id(), fileName, uploadBuffer.getInputStream().readAllBytes());
            refreshDatasets(task.getValue());
            editor.selectDataset(d.ref());
            Notification.show("Uploaded " + d.fileName() + ": " + d.summary(), 5000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (DatasetFormatException | InvalidSpecException | StorageQuotaExceededException e) {
            error("Upload refused: " + e.getMessage());
        } catch (IOException e) {
            error("Upload failed: " + e.getMessage());
        }
        upload.clearFileList();
    }

    /** At the bottom, not the middle: the message must not cover the fields it points at. */
    private static void error(String message) {
        Notification.show(message, 8000, Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
