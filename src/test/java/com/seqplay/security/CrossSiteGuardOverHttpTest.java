package com.seqplay.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web guard of the login-free default mode through a real Tomcat: what a foreign web page can
 * make the visitor's browser send (a cross-site form POST, a request under a rebound DNS name) is
 * refused before it reaches a controller, while the server's own pages and plain scripts pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = CrossSiteGuardOverHttpTest.Web.class,
        properties = "seqplay.security.allowed-hosts=lab.example.org")
class CrossSiteGuardOverHttpTest {

    @SpringBootConfiguration
    @ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
        PropertyPlaceholderAutoConfiguration.class})
    @EnableConfigurationProperties(SecuritySettings.class)
    @Import({WebGuardConfig.class, CancelProbe.class})
    static class Web {}

    /** Stands in for the real cancel endpoint: counts the requests that reach it. */
    @RestController
    static class CancelProbe {
        static final AtomicInteger CALLS = new AtomicInteger();

        @PostMapping("/api/runs/{id}/cancel")
        String cancel(@PathVariable long id) {
            CALLS.incrementAndGet();
            return "{\"id\":" + id + "}";
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void reset() {
        CancelProbe.CALLS.set(0);
    }

    @Test
    void a_cross_site_form_post_is_refused_with_the_json_error_and_never_reaches_the_endpoint() throws Exception {
        // What a browser sends for <form method=post action="http://127.0.0.1:PORT/api/runs/1/cancel"> on evil.example
        var response = http.send(HttpRequest.newBuilder(uri("/api/runs/1/cancel"))
                .header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "cross-site")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("x=1")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(json.readTree(response.body()).path("error").asText())
                .startsWith("Cross-site request refused").contains("https://evil.example");
        assertThat(CancelProbe.CALLS).hasValue(0);
    }

    @Test
    void an_older_browser_without_fetch_metadata_is_refused_by_its_origin_or_referer() throws Exception {
        assertThat(post("Origin", "http://localhost:" + (port + 1)).statusCode()).isEqualTo(403);
        assertThat(post("Origin", "null").statusCode()).isEqualTo(403);
        assertThat(post("Referer", "http://evil.example/page.html").statusCode()).isEqualTo(403);
        assertThat(CancelProbe.CALLS).hasValue(0);
    }

    @Test
    void the_servers_own_pages_and_scripts_without_an_origin_may_post() throws Exception {
        assertThat(post("Origin", "http://127.0.0.1:" + port).statusCode()).isEqualTo(200);
        assertThat(post("Referer", "http://127.0.0.1:" + port + "/runs/1").statusCode()).isEqualTo(200);
        var script = http.send(HttpRequest.newBuilder(uri("/api/runs/1/cancel")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(CancelProbe.CALLS).hasValue(3);
    }

    @Test
    void a_foreign_host_header_is_refused_even_for_a_get_and_the_configured_names_are_answered() throws Exception {
        String rebound = raw("GET /api/runs/1/cancel HTTP/1.1\r\nHost: attacker.example:" + port + "\r\nConnection: close\r\n\r\n");
        assertThat(rebound).startsWith("HTTP/1.1 403");
        assertThat(rebound).contains("does not answer to the host name 'attacker.example'");

        String configured = raw("POST /api/runs/7/cancel HTTP/1.1\r\nHost: lab.example.org\r\nOrigin: https://lab.example.org"
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(configured).startsWith("HTTP/1.1 200").contains("{\"id\":7}");
        String ipv6 = raw("POST /api/runs/8/cancel HTTP/1.1\r\nHost: [::1]:" + port + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(ipv6).startsWith("HTTP/1.1 200");
    }

    @Test
    void every_response_forbids_framing_and_sniffing_and_carries_a_content_security_policy() throws Exception {
        var response = post("Origin", "http://127.0.0.1:" + port);
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'", "object-src 'none'"));
    }

    private HttpResponse<String> post(String header, String value) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri("/api/runs/1/cancel")).header(header, value)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Java's HTTP client will not send a Host header of our choosing; a socket will. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
