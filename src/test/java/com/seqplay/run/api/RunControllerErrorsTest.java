package com.seqplay.run.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.run.domain.Run;
import com.seqplay.run.domain.RunNames;
import com.seqplay.run.domain.RunStatus;
import com.seqplay.run.service.ModelNotReadyException;
import com.seqplay.run.health.TrainingHealthFlags;
import com.seqplay.run.service.PredictionService;
import com.seqplay.run.service.RunNotFoundException;
import com.seqplay.run.service.RunService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * The runs API's answers to bad requests, through Spring MVC (the services are mocked: this is a
 * slice test of the web layer). Every error must be the documented JSON {@code {"error", "field"}}
 * with a plain message: no Java type, method signature, SQL or stack trace.
 */
@WebMvcTest(RunController.class)
// Without the servlet filters (login, web guard): they have tests of their own over HTTP.
@AutoConfigureMockMvc(addFilters = false)
class RunControllerErrorsTest {
    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

    @TestConfiguration
    static class FixedClock {
        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @MockitoBean
    RunService runs;

    @MockitoBean
    PredictionService predictions;

    @MockitoBean
    TrainingHealthFlags health;

    @Test
    void a_name_over_the_column_limit_is_a_400_naming_name_and_nothing_is_submitted() throws Exception {
        String name = "x".repeat(RunNames.MAX_LENGTH + 1);
        JsonNode body = error(post("/api/runs").contentType(MediaType.APPLICATION_JSON)
                .content("{\"task\":\"textgen\",\"name\":\"" + name + "\"}"), 400);
        assertThat(body.get("field").asText()).isEqualTo("name");
        assertThat(body.get("error").asText()).contains("200");
        verify(runs, never()).submit(any());
    }

    @Test
    void a_name_at_the_limit_is_submitted() throws Exception {
        when(runs.submit(any())).thenReturn(run(1));
        var result = mvc.perform(post("/api/runs").contentType(MediaType.APPLICATION_JSON)
                .content("{\"task\":\"textgen\",\"name\":\"" + "x".repeat(RunNames.MAX_LENGTH) + "\"}")).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
    }

    @Test
    void a_run_id_that_is_not_a_number_is_a_400_naming_id() throws Exception {
        JsonNode body = error(get("/api/runs/abc"), 400);
        assertThat(body.get("field").asText()).isEqualTo("id");
        assertThat(body.get("error").asText()).contains("abc");
        error(get("/api/runs/abc").accept(MediaType.TEXT_PLAIN), 400); // JSON whatever the client accepts
        verify(runs, never()).get(anyLong());
    }

    @Test
    void an_unknown_run_is_a_404() throws Exception {
        when(runs.get(999)).thenThrow(new RunNotFoundException(999));
        assertThat(error(get("/api/runs/999"), 404).get("error").asText()).contains("999");
    }

    @Test
    void a_predict_without_a_body_is_a_400_naming_the_body() throws Exception {
        JsonNode body = error(post("/api/runs/1/predict").contentType(MediaType.APPLICATION_JSON), 400);
        assertThat(body.get("field").asText()).isEqualTo("body");
    }

    @Test
    void a_predict_body_that_is_not_a_json_object_is_a_400() throws Exception {
        for (String notAnObject : new String[] {"[1,2]", "3", "\"the \"", "null", "   "}) {
            JsonNode body = error(predict(notAnObject), 400);
            assertThat(body.get("field").asText()).as(notAnObject).isEqualTo("body");
        }
        verify(predictions, never()).predict(anyLong(), any());
    }

    @Test
    void a_predict_body_that_is_not_json_is_a_400_with_its_position() throws Exception {
        JsonNode body = error(predict("{\"input\": the}"), 400);
        assertThat(body.get("field").asText()).isEqualTo("body");
        assertThat(body.get("error").asText()).contains("line 1");
    }

    @Test
    void content_after_the_predict_object_is_a_400() throws Exception {
        JsonNode body = error(predict("{\"input\":\"a\"} {\"input\":\"b\"}"), 400);
        assertThat(body.get("field").asText()).isEqualTo("body");
        assertThat(error(predict("{\"input\":\"a\"} x"), 400).get("field").asText()).isEqualTo("body");
        verify(predictions, never()).predict(anyLong(), any());
    }

    @Test
    void a_seed_that_is_not_a_whole_number_is_a_400_naming_seed() throws Exception {
        for (String seed : new String[] {"\"abc\"", "\"7\"", "1.5", "true", "1e30"}) {
            JsonNode body = error(predict("{\"input\":\"the \",\"seed\":" + seed + "}"), 400);
            assertThat(body.get("field").asText()).as(seed).isEqualTo("seed");
        }
        verify(predictions, never()).predict(anyLong(), any());
    }

    @Test
    void an_unknown_predict_field_is_a_400_naming_it() throws Exception {
        JsonNode body = error(predict("{\"input\":\"the \",\"temprature\":0.5}"), 400);
        assertThat(body.get("field").asText()).isEqualTo("temprature");
    }

    @Test
    void a_valid_predict_reaches_the_model_with_its_options() throws Exception {
        when(predictions.predict(eq(1L), any())).thenReturn(new Prediction("the cat", null, null, null));
        var result = mvc.perform(predict("{\"input\":\"the \",\"length\":30,\"seed\":7,\"temperature\":0.5}"))
                .andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(200);
        var request = ArgumentCaptor.forClass(PredictRequest.class);
        verify(predictions).predict(eq(1L), request.capture());
        assertThat(request.getValue()).isEqualTo(new PredictRequest("the ", null, 0.5, null, 30, null, null, 7L));
    }

    @Test
    void a_model_not_saved_yet_is_a_409() throws Exception {
        when(predictions.predict(eq(1L), any())).thenThrow(new ModelNotReadyException(1));
        assertThat(error(predict("{\"input\":\"a\"}"), 409).get("error").asText()).contains("no saved model");
    }

    @Test
    void a_body_that_is_not_json_is_a_415_in_the_error_format() throws Exception {
        JsonNode body = error(post("/api/runs").contentType(MediaType.TEXT_PLAIN).content("task=textgen"), 415);
        assertThat(body.get("error").asText()).contains("application/json");
    }

    @Test
    void a_method_the_path_does_not_accept_is_a_405_in_the_error_format() throws Exception {
        assertThat(error(delete("/api/runs/1"), 405).get("error").asText()).contains("DELETE").contains("GET");
        error(put("/api/runs"), 405);
    }

    @Test
    void an_answer_type_the_endpoint_cannot_give_is_a_406_in_the_error_format() throws Exception {
        error(get("/api/runs/1/log").accept(MediaType.APPLICATION_JSON), 406);
    }

    @Test
    void an_unknown_api_path_is_a_404_in_the_error_format() throws Exception {
        assertThat(error(get("/api/nothing-here"), 404).get("error").asText()).contains("/api/nothing-here");
        error(get("/api/runs/1/nothing"), 404);
    }

    @Test
    void an_unexpected_failure_is_a_500_that_does_not_repeat_its_cause() throws Exception {
        when(runs.get(1)).thenThrow(new IllegalStateException(
                "PreparedStatementCallback; SQL [insert into runs (owner, name) values (?, ?)]; Value too long"));
        JsonNode body = error(get("/api/runs/1"), 500);
        assertThat(body.toString()).doesNotContainIgnoringCase("sql").doesNotContain("insert");
    }

    /** Performs the request and checks the status and that the body is the error format, in plain words. */
    private JsonNode error(RequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        String text = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).as(text).startsWith(MediaType.APPLICATION_JSON_VALUE);
        JsonNode body = json.readTree(text);
        assertThat(body.path("error").isTextual()).as(text).isTrue();
        assertThat(text).doesNotContain("java.", "com.seqplay", "jackson", "Exception", "public ", "\tat ");
        return body;
    }

    private static RequestBuilder predict(String body) {
        return post("/api/runs/1/predict").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private static Run run(long id) {
        var spec = com.seqplay.task.SpecValidator.complete(
                com.seqplay.spec.RunSpec.of(com.seqplay.spec.TaskType.TEXTGEN));
        return new Run(id, "local", "a run", spec, 42, RunStatus.QUEUED, NOW, null, null, null, null, null, Map.of(),
                Map.of(), null);
    }
}
