package com.seqplay.run.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.LayerStates;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.run.inference.InspectionService;
import com.seqplay.spec.InvalidSpecException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The inspect endpoint's body and answer format through Spring MVC (the service, which asks the
 * inference worker, is mocked: its own tests run real workers).
 */
@WebMvcTest(InspectController.class)
@AutoConfigureMockMvc(addFilters = false)
class InspectControllerTest {
    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @MockitoBean
    InspectionService inspections;

    private MvcResult inspect(String body) throws Exception {
        var request = post("/api/runs/1/inspect").contentType(MediaType.APPLICATION_JSON);
        return mvc.perform(body == null ? request : request.content(body)).andReturn();
    }

    private JsonNode answer(String body, int status) throws Exception {
        MvcResult result = inspect(body);
        String text = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
        return json.readTree(text);
    }

    @Test
    void a_bad_body_is_a_400_naming_the_field_and_never_reaches_the_worker() throws Exception {
        assertThat(answer(null, 400).get("field").asText()).isEqualTo("body");
        assertThat(answer("[\"the\"]", 400).get("field").asText()).isEqualTo("body");
        assertThat(answer("{\"input\":\"a\"} {}", 400).get("field").asText()).isEqualTo("body");
        assertThat(answer("{\"input\":42}", 400).get("field").asText()).isEqualTo("input");
        JsonNode unknown = answer("{\"input\":\"a\",\"length\":3}", 400);
        assertThat(unknown.get("field").asText()).isEqualTo("length");
        assertThat(unknown.get("error").asText()).contains("only field is input");
        verify(inspections, never()).inspect(anyLong(), anyString());
    }

    @Test
    void an_input_the_model_refuses_is_a_400_with_its_reason() throws Exception {
        when(inspections.inspect(eq(1L), eq("x"))).thenThrow(new InvalidSpecException("input", "the character 'x' never occurs"));
        when(inspections.inspect(eq(1L), eq("y"))).thenThrow(new PredictionException("This model's layer 1 is a bidirectional wrapper"));
        JsonNode refused = answer("{\"input\":\"x\"}", 400);
        assertThat(refused.get("field").asText()).isEqualTo("input");
        assertThat(refused.get("error").asText()).contains("'x'");
        assertThat(answer("{\"input\":\"y\"}", 400).get("error").asText()).contains("bidirectional");
    }

    @Test
    void the_answer_has_per_layer_the_steps_and_each_signal_per_step_and_unit() throws Exception {
        Map<String, float[][]> states = new LinkedHashMap<>();
        states.put(LayerStates.HIDDEN, new float[][] {{0.5f, -0.5f}, {0.25f, 0f}});
        states.put(LayerStates.FORGET, new float[][] {{0.9f, 0.1f}, {0.8f, 0.2f}});
        var layer = new LayerStates("layer 1", "LSTM", 2, List.of("h", "i"), states);
        when(inspections.inspect(1L, "hi")).thenReturn(Inspection.of(List.of(layer)));

        JsonNode body = answer("{\"input\":\"hi\"}", 200);

        JsonNode first = body.get("layers").get(0);
        assertThat(first.get("layer").asText()).isEqualTo("layer 1");
        assertThat(first.get("cell").asText()).isEqualTo("LSTM");
        assertThat(first.get("steps").toString()).isEqualTo("[\"h\",\"i\"]");
        assertThat(first.get("states").get("forget").toString()).isEqualTo("[[0.9,0.1],[0.8,0.2]]");
        assertThat(first.get("states").get("hidden").get(1).get(0).asDouble()).isEqualTo(0.25);
        assertThat(body.has("attention")).isFalse();
    }
}
