package com.seqplay.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.engine.Checkpoints;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.inference.WorkerProtocol.Answer;
import com.seqplay.inference.WorkerProtocol.Question;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.nio.file.Path;
import java.util.List;
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
}
