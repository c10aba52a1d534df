package com.seqplay.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON body limit through a real Tomcat, with a limit of 64 KB: a body that declares its size
 * is refused before it is read; one sent in chunks is refused once the limit has streamed in; a
 * body within the limit reaches the endpoint whole.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = RequestBodyLimitOverHttpTest.Web.class)
class RequestBodyLimitOverHttpTest {
    static final DataSize LIMIT = DataSize.ofKilobytes(64);

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        ErrorMvcAutoConfiguration.class, PropertyPlaceholderAutoConfiguration.class})
    @Import({ApiErrors.class, ApiErrorController.class, SpecProbe.class})
    static class Web {
        @Bean
        FilterRegistrationBean<RequestBodyLimit> limit() {
            var registration = new FilterRegistrationBean<>(new RequestBodyLimit(LIMIT));
            registration.addUrlPatterns("/api/*");
            return registration;
        }
    }

    /** Reads its body as text, as the run submission does. */
    @RestController
    static class SpecProbe {
        static final AtomicInteger RECEIVED = new AtomicInteger();

        @PostMapping(value = "/api/runs", consumes = MediaType.APPLICATION_JSON_VALUE)
        String submit(@RequestBody String body) {
            RECEIVED.set(body.length());
            return "{}";
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    @org.junit.jupiter.api.BeforeEach
    void reset() {
        SpecProbe.RECEIVED.set(0);
    }

    @Test
    void a_declared_200_mb_body_is_refused_at_once_with_413_in_the_error_format() throws Exception {
        // As curl does: the headers, then body bytes until the server answers. The answer comes
        // before the server reads any of the body, then it closes the connection.
        long size = DataSize.ofMegabytes(200).toBytes();
        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/runs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                byte[] chunk = new byte[64 * 1024];
                for (int sent = 0; sent < 16 * 1024 * 1024; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException closed) {
                // the server answered and closed the connection: what a client should see
            }
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(answer).startsWith("HTTP/1.1 413").contains("Connection: close")
                .endsWith("{\"error\":\"The request body is larger than the limit of 64 KB.\",\"field\":\"body\"}");
        assertThat(SpecProbe.RECEIVED).hasValue(0);
    }

    @Test
    void a_chunked_body_is_refused_once_the_limit_has_streamed_in() throws Exception {
        // No length known in advance: the client sends it chunked.
        var response = http.send(request(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(LIMIT.toBytes() * 3))),
                HttpResponse.BodyHandlers.ofString());

        assertTooLarge(response);
    }

    @Test
    void a_body_within_the_limit_arrives_whole() throws Exception {
        String body = "{\"name\":\"" + "x".repeat((int) LIMIT.toBytes() - 100) + "\"}";
        var response = http.send(request(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(SpecProbe.RECEIVED).hasValue(body.length());
    }

    private void assertTooLarge(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).isEqualTo(413);
        var error = json.readTree(response.body());
        assertThat(error.path("error").asText()).isEqualTo("The request body is larger than the limit of 64 KB.");
        assertThat(error.path("field").asText()).isEqualTo("body");
    }

    private HttpRequest request(HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                .header("Content-Type", "application/json").POST(body).build();
    }

    /** A stream of zeros of a given length, made up as it is read. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long length) {
            this.left = length;
        }

        @Override
        public int read() {
            return left-- > 0 ? '0' : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) '0');
            left -= n;
            return n;
        }
    }
}
