package com.seqplay.run.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.run.service.PredictionService;
import com.seqplay.run.service.RunNotResumableException;
import com.seqplay.run.service.RunService;
import com.seqplay.run.service.ServerShuttingDownException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * How the web layer answers a refused resume (409) and a submission while the server shuts down
 * (503), in the JSON error format (the services' decisions have tests of their own: RunResumeTest,
 * and RandomKillResumeIT over HTTP).
 */
@WebMvcTest(RunController.class)
@AutoConfigureMockMvc(addFilters = false)
class ResumeApiErrorsTest {
    @org.springframework.boot.test.context.TestConfiguration
    static class Clocks {
        @org.springframework.context.annotation.Bean
        java.time.Clock clock() {
            return java.time.Clock.systemUTC();
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
    com.seqplay.run.health.TrainingHealthFlags health;

    @Test
    void a_refused_resume_is_a_409_with_the_services_message() throws Exception {
        when(runs.resume(7)).thenThrow(new RunNotResumableException(
                "Run 7 is SUCCEEDED, not INTERRUPTED: only an interrupted run can be resumed."));
        assertThat(error(post("/api/runs/7/resume"), 409).get("error").asText())
                .isEqualTo("Run 7 is SUCCEEDED, not INTERRUPTED: only an interrupted run can be resumed.");
    }

    @Test
    void a_submission_while_shutting_down_is_a_503() throws Exception {
        when(runs.submit(any())).thenThrow(new ServerShuttingDownException());
        assertThat(error(post("/api/runs").contentType(MediaType.APPLICATION_JSON).content("{\"task\":\"textgen\"}"), 503)
                .get("error").asText()).contains("shutting down");
    }

    private JsonNode error(RequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        String text = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).as(text).startsWith(MediaType.APPLICATION_JSON_VALUE);
        assertThat(text).doesNotContain("java.", "com.seqplay", "Exception", "\tat ");
        return json.readTree(text);
    }
}
