package com.seqplay.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.upload.service.DatasetService;
import jakarta.servlet.Filter;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.MultipartAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * The error format through a real Tomcat, for what a MockMvc test cannot show: the container's
 * own upload limit, the swallowing of an oversize body so that the client reads the answer, and
 * errors that reach Spring Boot's {@code /error} page. The application's own
 * {@code application.properties} applies; only the upload limit is lowered to keep the test small.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = ErrorFormatOverHttpTest.Web.class,
        properties = {"spring.servlet.multipart.max-file-size=64KB", "spring.servlet.multipart.max-request-size=64KB"})
class ErrorFormatOverHttpTest {
    private static final String BOUNDARY = "seqplay-test-boundary";

    /** Just the web layer: the error handling of this package and the datasets controller. */
    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        MultipartAutoConfiguration.class, ErrorMvcAutoConfiguration.class, PropertyPlaceholderAutoConfiguration.class})
    @ComponentScan(basePackages = {"com.seqplay.api", "com.seqplay.upload.api"})
    static class Web {
        /** Fails outside Spring MVC, so that the container forwards to the error page. */
        @Bean
        FilterRegistrationBean<Filter> failingFilter() {
            var registration = new FilterRegistrationBean<Filter>((request, response, chain) -> {
                throw new IllegalStateException("SQL [select secret from runs] failed");
            });
            registration.addUrlPatterns("/api/filter-fails", "/filter-fails");
            return registration;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectMapper json;

    @MockitoBean
    DatasetService datasets;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void an_upload_over_the_limit_is_a_413_in_the_error_format_even_when_much_larger() throws Exception {
        // Far over the limit: Tomcat stops reading at the limit, so the client must get the answer
        // while it is still sending (before the fix this 413 came with an empty body).
        byte[] file = new byte[4 * 1024 * 1024];
        Arrays.fill(file, (byte) 'a');
        var response = send(HttpRequest.newBuilder(uri("/api/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("big.txt", file))));
        JsonNode body = errorBody(response, 413);
        assertThat(body.get("field").asText()).isEqualTo("file");
        assertThat(body.get("error").asText()).contains("64 KB");
        verify(datasets, never()).upload(anyString(), anyString(), any());
    }

    @Test
    void an_upload_named_slash_is_a_400_naming_file() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart("/", "text\n".getBytes(StandardCharsets.UTF_8)))));
        assertThat(errorBody(response, 400).get("field").asText()).isEqualTo("file");
    }

    @Test
    void a_broken_multipart_body_is_a_400_naming_file() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/datasets"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofString("--" + BOUNDARY + "\r\nContent-Disposition: form-da")));
        assertThat(errorBody(response, 400).get("field").asText()).isEqualTo("file");
    }

    @Test
    void an_unknown_api_path_is_a_404_in_the_error_format() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/api/nothing-here")).header("Accept", "text/html"));
        assertThat(errorBody(response, 404).get("error").asText()).contains("/api/nothing-here");
    }

    @Test
    void a_failure_outside_spring_mvc_under_api_is_a_500_in_the_error_format() throws Exception {
        for (String accept : new String[] {"application/json", "text/html", "text/plain"}) {
            var response = send(HttpRequest.newBuilder(uri("/api/filter-fails")).header("Accept", accept));
            JsonNode body = errorBody(response, 500);
            assertThat(body.toString()).as(accept).doesNotContainIgnoringCase("sql").doesNotContain("secret");
            assertThat(body.has("timestamp")).as("Spring Boot's own error attributes are not used").isFalse();
        }
    }

    @Test
    void a_failure_outside_api_keeps_spring_boots_error_page() throws Exception {
        var response = send(HttpRequest.newBuilder(uri("/filter-fails")).header("Accept", "application/json"));
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json.readTree(response.body()).has("timestamp")).as(response.body()).isTrue();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode errorBody(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("error").isTextual()).as(response.body()).isTrue();
        assertThat(response.body()).doesNotContain("java.", "com.seqplay", "Exception", "\tat ");
        return body;
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static byte[] multipart(String fileName, byte[] content) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"task\"\r\n\r\ntextgen\r\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
