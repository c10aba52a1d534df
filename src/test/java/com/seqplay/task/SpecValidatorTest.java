package com.seqplay.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.spec.CellType;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.spec.SpecProblem;
import com.seqplay.spec.TokenKind;
import com.seqplay.spec.WeightInit;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private static RunSpec parse(String json) {
        return SpecValidator.completeAndValidate(SpecJson.parse(json));
    }

    private static void assertRefused(String json, String field) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems())
                        .extracting(SpecProblem::field).contains(field));
    }

    @Test
    void a_spec_with_only_a_task_gets_every_default() {
        RunSpec spec = parse("{\"task\":\"textgen\"}");
        assertThat(spec.cell()).isEqualTo(CellType.LSTM);
        assertThat(spec.dataset()).isEqualTo("builtin:agreement");
        assertThat(spec.seed()).isEqualTo(42L);
        assertThat(spec.textgen().bpttLength()).isEqualTo(spec.textgen().sequenceLength());
        assertThat(spec.clipping().threshold()).isPositive();
        assertThat(spec.weightInit()).isEqualTo(WeightInit.XAVIER);
    }

    @Test
    void a_translation_spec_gets_the_date_task_defaults() {
        RunSpec spec = parse("{\"task\":\"translation\"}");
        assertThat(spec.dataset()).isEqualTo("builtin:dates");
        assertThat(spec.translation().attention()).isTrue();
        assertThat(spec.translation().bidirectional()).isFalse();
        assertThat(spec.translation().tokens()).isEqualTo(TokenKind.CHAR);
        assertThat(spec.translation().beamWidth()).isEqualTo(1);
        assertThat(spec.hiddenSize()).isEqualTo(128);
        assertThat(spec.learningRate()).isEqualTo(0.005);
        assertThat(spec.batchSize()).isEqualTo(64);
        assertThat(spec.epochs()).isEqualTo(6);
        assertThat(spec.translation().builtinSize()).isEqualTo(5000);
        assertRefused("{\"task\":\"translation\",\"tokens\":\"byte\"}", "tokens");
        assertRefused("{\"task\":\"translation\",\"beamWidth\":0}", "beamWidth");
    }

    @Test
    void the_completed_spec_survives_a_json_round_trip() {
        RunSpec spec = parse("{\"task\":\"textgen\",\"epochs\":3,\"clipping\":{\"mode\":\"value\"}}");
        assertThat(parse(SpecJson.write(spec))).isEqualTo(spec);
        assertThat(spec.clipping().threshold()).isEqualTo(1.0);
    }

    @Test
    void out_of_range_hyperparameters_are_refused_by_field() {
        assertRefused("{\"task\":\"textgen\",\"epochs\":0}", "epochs");
        assertRefused("{\"task\":\"textgen\",\"hiddenSize\":0}", "hiddenSize");
        assertRefused("{\"task\":\"textgen\",\"hiddenSize\":1000000}", "hiddenSize");
        assertRefused("{\"task\":\"textgen\",\"learningRate\":\"NaN\"}", "learningRate");
        assertRefused("{\"task\":\"textgen\",\"learningRate\":-0.1}", "learningRate");
        assertRefused("{\"task\":\"textgen\",\"dropout\":1.0}", "dropout");
        assertRefused("{\"task\":\"textgen\",\"batchSize\":0}", "batchSize");
        assertRefused("{\"task\":\"textgen\",\"sequenceLength\":50,\"bpttLength\":60}", "bpttLength");
        assertRefused("{\"task\":\"textgen\",\"optimizer\":\"adagrad\"}", "optimizer");
        assertRefused("{\"task\":\"textgen\",\"weightInit\":\"zeros\"}", "weightInit");
    }

    @Test
    void every_problem_is_reported_at_once() {
        assertThatThrownBy(() -> parse("{\"task\":\"textgen\",\"epochs\":0,\"layers\":9}"))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems()).hasSize(2))
                .hasMessageContaining("epochs").hasMessageContaining("layers");
    }

    @Test
    void unknown_fields_and_wrong_types_name_the_field() {
        assertRefused("{\"task\":\"textgen\",\"epoch\":3}", "epoch");
        assertRefused("{\"task\":\"textgen\",\"clipping\":{\"mode\":\"value\",\"limit\":3}}", "clipping.limit");
        assertRefused("{\"task\":\"textgen\",\"epochs\":\"ten\"}", "epochs");
        assertRefused("{\"task\":\"textgen\",\"epochs\":2.5}", "epochs");
        assertRefused("not json", "spec");
        assertRefused("[1,2]", "spec");
    }

    @Test
    void an_unknown_or_missing_task_is_refused() {
        assertRefused("{}", "task");
        assertRefused("{\"task\":\"poetry\"}", "task");
    }

    @Test
    void a_batch_larger_than_the_data_is_refused_naming_both_numbers() {
        assertRefused("{\"task\":\"textgen\",\"builtinSize\":2000,\"sequenceLength\":100,\"batchSize\":64}", "batchSize");
        assertThatThrownBy(() -> parse("{\"task\":\"translation\",\"builtinSize\":100,\"batchSize\":200}"))
                .hasMessageContaining("200 is more than the 80 training sentence pairs");
        assertRefused("{\"task\":\"forecasting\",\"builtinSize\":100,\"window\":80}", "builtinSize");
    }
}
