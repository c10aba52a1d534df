package com.seqplay.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpecJsonTest {

    private static void assertRefused(String json, String field, String messagePart) {
        assertThatThrownBy(() -> SpecJson.parse(json))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).problems().get(0).field()).isEqualTo(field))
                .hasMessageContaining(messagePart)
                .hasMessageNotContaining("java.")
                .hasMessageNotContaining("com.seqplay");
    }

    @Test
    void a_number_in_quotes_is_refused_not_coerced() {
        assertRefused("{\"task\":\"textgen\",\"epochs\":\"3\"}", "epochs", "whole number");
        assertRefused("{\"task\":\"textgen\",\"learningRate\":\"0.001\"}", "learningRate", "number");
        assertRefused("{\"task\":\"translation\",\"attention\":\"yes\"}", "attention", "true or false");
    }

    @Test
    void content_after_the_object_is_refused() {
        assertRefused("{\"task\":\"textgen\"} {\"task\":\"forecasting\"}", "spec", "not valid JSON");
    }

    @Test
    void a_field_of_another_task_is_refused_saying_whose_it_is() {
        assertRefused("{\"task\":\"textgen\",\"window\":24}", "window", "forecasting");
        assertRefused("{\"task\":\"forecasting\",\"attention\":true}", "attention", "translation");
    }

    @Test
    void an_unknown_choice_lists_the_allowed_ids() {
        assertRefused("{\"task\":\"textgen\",\"cell\":\"transformer\"}", "cell", "rnn, lstm or gru");
        assertRefused("{\"task\":\"textgen\",\"clipping\":{\"mode\":\"soft\"}}", "clipping.mode", "global-norm");
        assertRefused("{\"task\":\"poetry\"}", "task", "translation, forecasting, textgen or memory");
    }

    @Test
    void options_are_read_into_the_tasks_record_and_written_back_flat() {
        RunSpec spec = SpecJson.parse("{\"task\":\"forecasting\",\"window\":24,\"missingValues\":\"interpolate\"}");
        assertThat(spec.forecasting().window()).isEqualTo(24);
        assertThat(spec.forecasting().missingValues()).isEqualTo(MissingValues.INTERPOLATE);
        var tree = SpecJson.toTree(spec);
        assertThat(tree.path("window").asInt()).isEqualTo(24);
        assertThat(tree.path("missingValues").asText()).isEqualTo("interpolate");
        assertThat(tree.has("options")).isFalse();
        assertThat(SpecJson.parse(SpecJson.write(spec))).isEqualTo(spec);
    }

    @Test
    void a_stored_spec_of_the_earlier_format_still_reads() {
        // Earlier versions stored every field for every task: a translation run had text fields too.
        String stored = """
                {"task":"translation","cell":"lstm","clipping":{"mode":"global-norm","threshold":5.0},
                 "dataset":"builtin:dates","builtinSize":5000,"seed":42,"epochs":6,"layers":1,"hiddenSize":128,
                 "dropout":0.0,"optimizer":"adam","learningRate":0.005,"weightInit":"xavier","batchSize":64,
                 "sequenceLength":40,"bpttLength":40,"attention":true,"bidirectional":false,"tokens":"char",
                 "maxVocabulary":5000,"beamWidth":1,"updateGateBias":1.0,"patience":0,"sampleLength":200,
                 "temperature":0.8,"maxWallSeconds":3600}""";
        RunSpec spec = SpecJson.readStored(stored);
        assertThat(spec.translation().tokens()).isEqualTo(TokenKind.CHAR);
        assertThat(spec.optimizer()).isEqualTo(Optimizer.ADAM);
        assertThat(spec.clipping()).isEqualTo(new Clipping(ClippingMode.GLOBAL_NORM, 5.0));
        assertThatThrownBy(() -> SpecJson.parse(stored)).hasMessageContaining("sequenceLength");
    }
}
