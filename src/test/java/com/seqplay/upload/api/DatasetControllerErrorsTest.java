package com.seqplay.upload.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.upload.UploadedDataset;
import com.seqplay.upload.service.DatasetService;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;

/** The datasets API's answers to bad uploads, through Spring MVC with the service mocked. */
@WebMvcTest(DatasetController.class)
// Without the servlet filters (login, web guard): they have tests of their own over HTTP.
@AutoConfigureMockMvc(addFilters = false)
class DatasetControllerErrorsTest {
    private static final byte[] TEXT = "some text to learn from\n".getBytes(StandardCharsets.UTF_8);

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @MockitoBean
    DatasetService datasets;

    @Test
    void a_file_without_a_name_is_a_400_naming_file_and_nothing_is_stored() throws Exception {
        for (String name : new String[] {"/", "", "  ", "some/folder/", "C:\\data\\", "..", "a/.."}) {
            JsonNode body = error(upload(name), 400);
            assertThat(body.get("field").asText()).as("'%s'", name).isEqualTo("file");
        }
        verify(datasets, never()).upload(anyString(), anyString(), any());
    }

    @Test
    void a_file_name_with_a_path_keeps_only_its_last_part() throws Exception {
        when(datasets.upload(eq("textgen"), eq("notes.txt"), any()))
                .thenReturn(new UploadedDataset(3, "local", "textgen", "notes.txt", TEXT.length, "24 characters",
                        Instant.parse("2025-01-01T00:00:00Z")));
        MvcResult result = mvc.perform(upload("../some/folder\\notes.txt")).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(201);
        verify(datasets).upload(eq("textgen"), eq("notes.txt"), any());
    }

    @Test
    void a_missing_task_is_a_400_naming_task() throws Exception {
        var request = multipart("/api/datasets").file(new MockMultipartFile("file", "a.txt", "text/plain", TEXT));
        assertThat(error(request, 400).get("field").asText()).isEqualTo("task");
    }

    @Test
    void a_missing_file_is_a_400_naming_file() throws Exception {
        var request = multipart("/api/datasets").param("task", "textgen");
        assertThat(error(request, 400).get("field").asText()).isEqualTo("file");
    }

    @Test
    void an_upload_that_is_not_multipart_is_a_415_in_the_error_format() throws Exception {
        JsonNode body = error(post("/api/datasets").contentType(MediaType.APPLICATION_JSON).content("{}"), 415);
        assertThat(body.get("error").asText()).contains("multipart/form-data");
    }

    private static RequestBuilder upload(String fileName) {
        return multipart("/api/datasets").file(new MockMultipartFile("file", fileName, "text/plain", TEXT))
                .param("task", "textgen");
    }

    private JsonNode error(RequestBuilder request, int status) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        String text = result.getResponse().getContentAsString();
        assertThat(result.getResponse().getStatus()).as(text).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).as(text).startsWith(MediaType.APPLICATION_JSON_VALUE);
        JsonNode body = json.readTree(text);
        assertThat(body.path("error").isTextual()).as(text).isTrue();
        assertThat(text).doesNotContain("java.", "com.seqplay", "Exception", "\tat ");
        return body;
    }
}
