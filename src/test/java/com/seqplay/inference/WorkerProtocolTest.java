package com.seqplay.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.LayerStates;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.inference.WorkerProtocol.Answer;
import com.seqplay.inference.WorkerProtocol.Question;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerProtocolTest {

    @Test
    void the_server_looks_for_the_file_the_engine_saves() {
        assertThat(WorkerProtocol.MODEL_FILE).isEqualTo(Checkpoints.MODEL_FILE);
    }

    @Test
    void a_question_arrives_as_it_was_asked() {
        var spec = SpecValidator.completeAndValidate(SpecJson.parse("{\"task\":\"forecasting\",\"window\":12}"));
        var request = new PredictRequest(null, List.of(1.0, 2.5), null, null, null, 7, null, 3L);
        var question = new Question(42, spec, Path.of("/data/runs/7"), request);

        String line = WorkerProtocol.encode(question);

        assertThat(line).doesNotContain("\n");
        assertThat(WorkerProtocol.decodeQuestion(line)).isEqualTo(question);
    }

    @Test
    void a_translation_with_attention_and_a_forecast_come_back_whole() {
        var translation = new Prediction("3 mars", List.of("3", " ", "M"), List.of("3", " ", "m"),
                new double[][] {{0.9, 0.1, 0.0}, {0.2, 0.7, 0.1}});
        Answer back = WorkerProtocol.decodeAnswer(WorkerProtocol.encode(Answer.of(5, translation))).orElseThrow();
        assertThat(back.id()).isEqualTo(5);
        assertThat(back.prediction().output()).isEqualTo("3 mars");
        assertThat(back.prediction().outputTokens()).containsExactly("3", " ", "m");
        assertThat(back.prediction().attention()).isDeepEqualTo(translation.attention());

        Answer forecast = WorkerProtocol.decodeAnswer(
                WorkerProtocol.encode(Answer.of(6, Prediction.of(List.of(1.5, -2.0, 3.0))))).orElseThrow();
        assertThat(forecast.prediction().output()).isEqualTo(List.of(1.5, -2.0, 3.0));
    }

    @Test
    void refusals_and_failures_keep_their_message() {
        Answer refused = WorkerProtocol.decodeAnswer(WorkerProtocol.encode(Answer.refused(1, "beam must be 1-50")))
                .orElseThrow();
        assertThat(refused.refused()).isEqualTo("beam must be 1-50");
        assertThat(refused.prediction()).isNull();
        assertThat(WorkerProtocol.decodeAnswer(WorkerProtocol.encode(Answer.failed(2, "boom"))).orElseThrow().failed())
                .isEqualTo("boom");
    }

    @Test
    void lines_a_library_prints_are_not_answers() {
        assertThat(WorkerProtocol.decodeAnswer("{\"id\":1,\"prediction\":{\"output\":\"x\"}}")).isEmpty();
        assertThat(WorkerProtocol.decodeAnswer("[warning][cds] something")).isEmpty();
        assertThat(WorkerProtocol.decodeAnswer(WorkerProtocol.ANSWER_PREFIX + "{not json")).isEmpty();
    }

    @Test
    void a_line_that_is_not_a_question_is_refused_with_the_reason() {
        assertThatThrownBy(() -> WorkerProtocol.decodeQuestion("{\"id\":1}")).hasMessageContaining("spec");
        assertThatThrownBy(() -> WorkerProtocol.decodeQuestion("hello")).hasMessageContaining("not a question");
    }

    @Test
    void an_inspection_question_keeps_its_kind_and_a_question_without_one_is_a_prediction() {
        var spec = SpecValidator.completeAndValidate(SpecJson.parse("{\"task\":\"textgen\"}"));
        var request = new PredictRequest("the ", null, null, null, null, null, null, null);
        var question = new Question(9, WorkerProtocol.Kind.INSPECT, spec, Path.of("/data/runs/3"), request);

        assertThat(WorkerProtocol.decodeQuestion(WorkerProtocol.encode(question))).isEqualTo(question);
        String older = WorkerProtocol.encode(question).replace("\"kind\":\"INSPECT\",", "");
        assertThat(WorkerProtocol.decodeQuestion(older).kind()).isEqualTo(WorkerProtocol.Kind.PREDICT);
    }

    @Test
    void an_inspection_comes_back_whole() {
        var layer = new LayerStates("layer 1", "GRU", 2, List.of("a", "b"), Map.of(
                LayerStates.HIDDEN, new float[][] {{0.5f, -0.25f}, {0.125f, 1f}},
                LayerStates.UPDATE, new float[][] {{0.9f, 0.1f}, {0.3f, 0.7f}}));
        var inspection = new Inspection(List.of(layer), List.of("x"), List.of("y", "z"), new double[][] {{1.0}, {1.0}});

        Answer back = WorkerProtocol.decodeAnswer(WorkerProtocol.encode(Answer.of(4, inspection))).orElseThrow();

        assertThat(back.prediction()).isNull();
        LayerStates got = back.inspection().layers().get(0);
        assertThat(got.layer()).isEqualTo("layer 1");
        assertThat(got.steps()).containsExactly("a", "b");
        assertThat(got.states().get(LayerStates.HIDDEN)).isDeepEqualTo(layer.states().get(LayerStates.HIDDEN));
        assertThat(got.states().get(LayerStates.UPDATE)).isDeepEqualTo(layer.states().get(LayerStates.UPDATE));
        assertThat(back.inspection().outputTokens()).containsExactly("y", "z");
        assertThat(back.inspection().attention()).isDeepEqualTo(inspection.attention());
    }
}
