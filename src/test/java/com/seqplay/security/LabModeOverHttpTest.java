package com.seqplay.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.seqplay.SeqplayApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application in lab mode through a real Tomcat: anonymous requests are refused, the
 * administrator adds accounts, a user cannot cancel another's run (403) while the owner and an
 * administrator can, and API tokens work beside HTTP Basic. No trainer is started
 * ({@code max-concurrent=0}): runs stay queued, which is all that ownership needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = SeqplayApplication.class,
        properties = {"seqplay.mode=lab", "seqplay.admin.username=boss", "seqplay.admin.password=correct-horse-1",
            "seqplay.runs.max-concurrent=0", "server.address=127.0.0.1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabModeOverHttpTest {
    static final Path DATA = tempDir();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("seqplay.data-dir", DATA::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    ObjectMapper json;
    private final HttpClient http = HttpClient.newHttpClient();
    private static final String ADMIN = basic("boss", "correct-horse-1");
    private static final String ALICE = basic("alice", "alice-password");
    private static final String BOB = basic("bob", "bob-password1");

    @BeforeAll
    void accounts() throws Exception {
        assertThat(send("POST", "/api/users", ADMIN, "{\"username\":\"alice\",\"password\":\"alice-password\"}").statusCode())
                .isEqualTo(201);
        assertThat(send("POST", "/api/users", ADMIN, "{\"username\":\"bob\",\"password\":\"bob-password1\",\"role\":\"user\"}")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void anonymous_api_calls_and_pages_are_refused() throws Exception {
        var api = send("GET", "/api/runs", null, null);
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(error(api)).startsWith("Log in first");
        assertThat(send("POST", "/api/runs", null, spec("anon")).statusCode()).isEqualTo(401);

        var page = send("GET", "/runs", null, null);
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
        assertThat(send("GET", "/login", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void an_administrator_backs_the_database_up_and_a_user_may_not() throws Exception {
        assertThat(send("POST", "/api/admin/backup", BOB, null).statusCode()).isEqualTo(403);
        var done = send("POST", "/api/admin/backup", ADMIN, null);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(201);
        String file = json.readTree(done.body()).path("file").asText();
        assertThat(DATA.resolve("backups").resolve(file)).isNotEmptyFile();
    }

    @Test
    void only_an_administrator_sees_disk_per_user_and_applies_retention() throws Exception {
        submit(ALICE, "alice-disk");
        assertThat(send("GET", "/api/admin/storage", BOB, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/admin/retention", BOB, null).statusCode()).isEqualTo(403);
        var storage = send("GET", "/api/admin/storage", ADMIN, null);
        assertThat(storage.statusCode()).as(storage.body()).isEqualTo(200);
        JsonNode alice = null;
        for (JsonNode row : json.readTree(storage.body())) {
            if (row.path("owner").asText().equals("alice")) {
                alice = row;
            }
        }
        assertThat(alice).as(storage.body()).isNotNull();
        assertThat(alice.path("runs").asInt()).isPositive();
        var pass = send("POST", "/api/admin/retention", ADMIN, null);
        assertThat(pass.statusCode()).as(pass.body()).isEqualTo(200);
        assertThat(json.readTree(pass.body()).path("runsDeleted").asInt()).as("retention is off by default").isZero();
    }

    @Test
    void deleting_an_upload_that_does_not_exist_is_a_404_naming_it() throws Exception {
        var missing = send("DELETE", "/api/datasets/upload:999", ALICE, null);
        assertThat(missing.statusCode()).as(missing.body()).isEqualTo(404);
        assertThat(error(missing)).isEqualTo("There is no uploaded dataset upload:999.");
        var bad = send("DELETE", "/api/datasets/abc", ALICE, null);
        assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);
    }

    @Test
    void the_health_check_answers_without_login() throws Exception {
        var health = send("GET", "/api/health", null, null);
        assertThat(health.statusCode()).as(health.body()).isIn(200, 503);
        JsonNode body = json.readTree(health.body());
        assertThat(body.path("database").asText()).isEqualTo("UP");
        assertThat(body.path("freeDiskBytes").asLong()).isPositive();
        assertThat(body.has("queued")).isTrue();
    }

    @Test
    void a_wrong_password_is_a_401_and_only_an_administrator_adds_users() throws Exception {
        assertThat(send("GET", "/api/runs", basic("alice", "wrong-password"), null).statusCode()).isEqualTo(401);
        var refused = send("POST", "/api/users", BOB, "{\"username\":\"mallory\",\"password\":\"mallory-pass\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused)).isNotBlank();
        var shortPassword = send("POST", "/api/users", ADMIN, "{\"username\":\"carol\",\"password\":\"short\"}");
        assertThat(shortPassword.statusCode()).isEqualTo(400);
        assertThat(json.readTree(shortPassword.body()).path("field").asText()).isEqualTo("password");
    }

    @Test
    void another_user_cannot_cancel_a_run_but_its_owner_and_an_administrator_can() throws Exception {
        long first = submit(ALICE, "alice-1");
        long second = submit(ALICE, "alice-2");

        var refused = send("POST", "/api/runs/" + first + "/cancel", BOB, null);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(error(refused)).isEqualTo("Only alice (its owner) or an administrator can cancel this run.");
        assertThat(status(first, BOB)).as("everyone sees every run").isEqualTo("QUEUED");

        assertThat(send("POST", "/api/runs/" + first + "/cancel", ALICE, null).statusCode()).isEqualTo(200);
        assertThat(status(first, ALICE)).isEqualTo("CANCELLED");
        assertThat(send("POST", "/api/runs/" + second + "/cancel", ADMIN, null).statusCode()).isEqualTo(200);
        assertThat(status(second, BOB)).isEqualTo("CANCELLED");
    }

    @Test
    void an_api_token_logs_its_owner_in_and_a_false_one_is_a_401() throws Exception {
        var created = send("POST", "/api/users/me/tokens", BOB, "{\"label\":\"script\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String token = "Bearer " + json.readTree(created.body()).path("token").asText();

        long run = submit(token, "bob-by-token");
        assertThat(json.readTree(send("GET", "/api/runs/" + run, token, null).body()).path("owner").asText()).isEqualTo("bob");
        assertThat(send("POST", "/api/runs/" + run + "/cancel", token, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/runs", "Bearer sqp_not-a-token", null).statusCode()).isEqualTo(401);
    }

    @Test
    void a_logged_in_request_from_a_foreign_page_is_still_refused() throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs"))
                .header("Authorization", ALICE).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(spec("csrf"))).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }

    @Test
    void lab_mode_without_an_administrator_password_refuses_to_start_with_a_clear_message() throws IOException {
        Path empty = Files.createTempDirectory("seqplay-lab-no-admin");
        // As command-line arguments: they override application.properties (builder properties would not).
        var app = new SpringApplicationBuilder(SeqplayApplication.class);
        assertThatThrownBy(() -> app.run("--seqplay.mode=lab", "--seqplay.data-dir=" + empty, "--server.port=0",
                "--seqplay.runs.max-concurrent=0").close())
                .hasRootCauseInstanceOf(LabSetupException.class)
                .rootCause().hasMessageContaining("Lab mode needs an administrator");
    }

    private long submit(String auth, String name) throws Exception {
        var response = send("POST", "/api/runs", auth, spec(name));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).path("id").asLong();
    }

    private String status(long id, String auth) throws Exception {
        return json.readTree(send("GET", "/api/runs/" + id, auth, null).body()).path("status").asText();
    }

    private String error(HttpResponse<String> response) throws IOException {
        JsonNode body = json.readTree(response.body());
        return body.path("error").asText();
    }

    private HttpResponse<String> send(String method, String path, String auth, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        if (auth != null) {
            builder.header("Authorization", auth);
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String spec(String name) {
        return "{\"name\":\"" + name + "\",\"task\":\"textgen\",\"cell\":\"lstm\",\"epochs\":1}";
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("seqplay-lab-mode");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
