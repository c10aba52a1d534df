package com.seqplay.ui.form;

import static org.assertj.core.api.Assertions.assertThat;

import com.seqplay.dataset.builtin.MonthlySeries;
import com.seqplay.spec.CellType;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.TaskType;
import com.seqplay.task.SpecValidator;
import com.seqplay.task.UploadedData;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Choosing a dataset on the New Run form proposes the fields its data decides, and says why. */
class ForecastingProposalFormTest {
    private final RunSpecEditor editor = new RunSpecEditor();

    private TextField text(String specField) {
        return (TextField) editor.shownField(specField).orElseThrow().component();
    }

    @Test
    void choosing_a_short_upload_proposes_a_window_and_batch_that_fit_it_with_the_reasons_shown() {
        var csv = new StringBuilder("sales\n");
        for (double v : MonthlySeries.generate(100, 2).values()) {
            csv.append(String.format(Locale.ROOT, "%.3f%n", v));
        }
        var data = new UploadedData("sales.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        editor.setUploads(ref -> ref.equals("upload:5") ? Optional.of(data) : Optional.empty());
        editor.read(SpecValidator.complete(RunSpec.of(TaskType.FORECASTING)));
        assertThat(text("batchSize").getValue()).isEqualTo("64");
        assertThat(text("window").getHelperText()).isEqualTo("From the data: 48: two seasons of 24");
        @SuppressWarnings("unchecked")
        var cell = (Select<CellType>) editor.shownField("cell").orElseThrow().component();
        cell.setValue(CellType.GRU);

        editor.selectDataset("upload:5");

        assertThat(text("window").getValue()).isEqualTo("24");
        assertThat(text("horizon").getValue()).isEqualTo("12");
        assertThat(text("batchSize").getValue()).isEqualTo("8");
        assertThat(text("window").getHelperText()).isEqualTo("From the data: 24: two seasons of 12");
        assertThat(text("batchSize").getHelperText()).contains("33 training windows");
        assertThat(text("epochs").getHelperText()).contains("updates");
        RunSpec spec = editor.write();
        assertThat(spec.cell()).as("the person's other choices stay").isEqualTo(CellType.GRU);
        assertThat(spec.forecasting().period()).isEqualTo(12);
        assertThat(spec.batchSize()).isEqualTo(8);

        text("window").setValue("36");
        editor.write();
        // a value the person typed is theirs: no reason is claimed for it once read back
        editor.read(editor.write());
        assertThat(text("window").getHelperText()).isEqualTo("Past points the model sees for each forecast.");
    }
}
