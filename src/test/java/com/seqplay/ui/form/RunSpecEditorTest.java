package com.seqplay.ui.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.spec.CellType;
import com.seqplay.spec.ClippingMode;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.TaskType;
import com.seqplay.task.Preset;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.TaskDefinitions;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The form's fields and checks, driven as a person would (typing text), without a browser. */
class RunSpecEditorTest {
    private final RunSpecEditor editor = new RunSpecEditor();

    private static RunSpec defaults(TaskType task) {
        return SpecValidator.complete(RunSpec.of(task));
    }

    private TextField text(String specField) {
        return (TextField) editor.shownField(specField).orElseThrow(() -> new AssertionError(specField + " not shown"))
                .component();
    }

    @SuppressWarnings("unchecked")
    private <T> Select<T> select(String specField) {
        return (Select<T>) editor.shownField(specField).orElseThrow().component();
    }

    private boolean shown(String specField) {
        return editor.shownField(specField).isPresent();
    }

    private InvalidSpecException refused() {
        return (InvalidSpecException) org.assertj.core.api.Assertions.catchThrowable(editor::write);
    }

    private static void assertError(Component field, String messagePart) {
        var v = (HasValidation) field;
        assertThat(v.isInvalid()).as("the field is marked invalid").isTrue();
        assertThat(v.getErrorMessage()).contains(messagePart);
    }

    @Test
    void a_learning_rate_typed_as_1e_3_is_0_001_and_nothing_else_changes() {
        editor.read(defaults(TaskType.TEXTGEN));
        text("learningRate").setValue("1e-3");
        RunSpec spec = editor.write();
        assertThat(spec.learningRate()).isEqualTo(0.001);
        RunSpec expected = defaults(TaskType.TEXTGEN);
        assertThat(spec).usingRecursiveComparison().ignoringFields("learningRate").isEqualTo(expected);

        text("learningRate").setValue("5e-4");
        assertThat(editor.write().learningRate()).isEqualTo(0.0005);
    }

    @Test
    void an_empty_or_unreadable_field_is_an_error_on_that_field_and_writes_nothing() {
        editor.read(defaults(TaskType.TEXTGEN));
        text("epochs").setValue("");
        text("hiddenSize").setValue("abc");
        text("layers").setValue("2.5");
        InvalidSpecException e = refused();
        assertThat(e.problems()).extracting(SpecProblem::field).containsExactlyInAnyOrder("epochs", "hiddenSize", "layers");
        assertError(text("epochs"), "Required");
        assertError(text("hiddenSize"), "'abc' is not a number");
        assertError(text("layers"), "'2.5' must be a whole number");
        assertThat(text("learningRate").isInvalid()).isFalse();
        assertThat(editor.describe(e.problems())).contains("Epochs: Required", "Hidden size: 'abc'");
    }

    @Test
    void blank_spaces_are_empty_too() {
        editor.read(defaults(TaskType.TEXTGEN));
        text("epochs").setValue("   ");
        assertThat(refused().problems()).extracting(SpecProblem::field).containsExactly("epochs");
    }

    @Test
    void the_validator_s_range_problems_land_on_their_fields() {
        editor.read(defaults(TaskType.TEXTGEN));
        text("epochs").setValue("0");
        text("learningRate").setValue("20");
        InvalidSpecException e = refused();
        assertThat(e.problems()).extracting(SpecProblem::field).contains("epochs", "learningRate");
        assertError(text("epochs"), "between 1 and " + SpecValidator.MAX_EPOCHS);
        assertError(text("learningRate"), "at most 10");

        text("epochs").setValue("3");
        assertThat(text("epochs").isInvalid()).as("Binder clears the mark when the value changes").isFalse();
    }

    @Test
    void the_threshold_shows_only_for_modes_that_clip_at_one_and_a_hidden_one_is_not_checked() {
        editor.read(defaults(TaskType.TEXTGEN));
        assertThat(shown("clipping.threshold")).isTrue();
        text("clipping.threshold").setValue("oops");
        Select<ClippingMode> clipping = select("clipping.mode");
        for (ClippingMode mode : ClippingMode.values()) {
            clipping.setValue(mode);
            assertThat(shown("clipping.threshold")).as(mode.id()).isEqualTo(mode.usesThreshold());
        }
        clipping.setValue(ClippingMode.NONE);
        RunSpec spec = editor.write();
        assertThat(spec.clippingMode()).isEqualTo(ClippingMode.NONE);
        assertThat(spec.clipping().threshold()).isNull();

        clipping.setValue(ClippingMode.RENORM_LAYER);
        assertThat(editor.write().clipping().threshold()).isNull();
    }

    @Test
    void the_update_gate_bias_shows_for_the_gru_only() {
        editor.read(defaults(TaskType.MEMORY));
        Select<CellType> cell = select("cell");
        for (CellType c : CellType.values()) {
            cell.setValue(c);
            assertThat(shown("updateGateBias")).as(c.id()).isEqualTo(c == CellType.GRU);
        }
        cell.setValue(CellType.GRU);
        text("updateGateBias").setValue("2.5");
        assertThat(editor.write().updateGateBias()).isEqualTo(2.5);
    }

    @Test
    void each_task_shows_its_own_options_only() {
        List<String> textgen = List.of("sequenceLength", "bpttLength", "reach", "temperature");
        List<String> translation = List.of("attention", "bidirectional", "beamWidth", "tokens");
        List<String> forecasting = List.of("window", "horizon", "period");
        List<String> memory = List.of("distractors", "alphabet", "sequences", "symbols");
        var all = List.of(textgen, translation, forecasting, memory);
        var tasks = List.of(TaskType.TEXTGEN, TaskType.TRANSLATION, TaskType.FORECASTING, TaskType.MEMORY);
        for (int i = 0; i < tasks.size(); i++) {
            editor.read(defaults(tasks.get(i)));
            for (int j = 0; j < all.size(); j++) {
                for (String field : all.get(j)) {
                    assertThat(shown(field)).as(tasks.get(i).id() + " shows " + field).isEqualTo(i == j);
                }
            }
        }
    }

    @Test
    void the_memory_probe_s_options_are_edited_and_checked() {
        editor.read(defaults(TaskType.MEMORY));
        text("distractors").setValue("40");
        text("alphabet").setValue("1");
        InvalidSpecException e = refused();
        assertThat(e.problems()).extracting(SpecProblem::field).containsExactly("alphabet");
        assertError(text("alphabet"), "between 2 and 100");
        text("alphabet").setValue("4");
        RunSpec spec = editor.write();
        assertThat(spec.memory().distractors()).isEqualTo(40);
        assertThat(spec.memory().alphabet()).isEqualTo(4);
    }

    @Test
    void the_columns_of_an_uploaded_series_show_only_for_an_upload() {
        editor.read(defaults(TaskType.FORECASTING));
        assertThat(shown("valueColumn")).isFalse();
        editor.selectDataset("upload:7");
        assertThat(shown("valueColumn")).isTrue();
        assertThat(shown("missingValues")).isTrue();
        text("valueColumn").setValue(" price ");
        RunSpec spec = editor.write();
        assertThat(spec.forecasting().valueColumn()).isEqualTo("price");
        assertThat(spec.dataset()).isEqualTo("upload:7");
    }

    @Test
    void every_preset_passes_through_the_form_unchanged() {
        for (var definition : TaskDefinitions.all()) {
            for (Preset preset : definition.presets()) {
                editor.read(preset.spec());
                assertThat(editor.write()).as(preset.name()).isEqualTo(preset.spec());
            }
            editor.read(defaults(definition.type()));
            assertThat(editor.write()).as(definition.type().id()).isEqualTo(defaults(definition.type()));
        }
    }

    @Test
    void a_name_longer_than_the_database_takes_is_refused_on_the_name_field() {
        editor.read(defaults(TaskType.TEXTGEN));
        assertThat(text("name").getMaxLength()).isEqualTo(SpecValidator.MAX_NAME_LENGTH);
        text("name").setValue("x".repeat(SpecValidator.MAX_NAME_LENGTH + 1));
        assertThat(refused().problems()).extracting(SpecProblem::field).containsExactly("name");
        text("name").setValue("  ");
        assertThat(editor.write().name()).as("blank is no name: the service names the run").isNull();
    }
}
