package com.seqplay.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged application ({@code target/seqplay.jar}) started as a real child process on a free
 * port and its own data folder, with a small HTTP client for its API.
 */
public final class AppProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dataDir;
    private final int port;
    private final Process process;
    private final HttpClient http = HttpClient.newHttpClient();

    private AppProcess(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    public static AppProcess start(Path dataDir, String... extraArgs) throws Exception {
        return start(dataDir, freePort(), extraArgs);
    }

    public static AppProcess start(Path dataDir, int port, String... extraArgs) throws Exception {
        String jar = System.getProperty("seqplay.jar", "target/seqplay.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(jar + " is missing: integration tests run after 'package'");
        }
        Files.createDirectories(dataDir);
        var command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", jar, "--server.port=" + port, "--seqplay.data-dir=" + dataDir));
        command.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.out").toFile()))
                .start();
        var app = new AppProcess(dataDir, port, p);
        app.awaitReady(Duration.ofSeconds(120));
        return app;
    }

    /** Checks at once, then every {@code interval}, for at most {@code timeout}. */
    public static ConditionFactory polling(Duration interval, Duration timeout) {
        return Awaitility.await().atMost(timeout).pollDelay(Duration.ZERO).pollInterval(interval);
    }

    private void awaitReady(Duration timeout) throws Exception {
        try {
            // A server that exited ends the wait at once: the exception leaves the condition.
            polling(Duration.ofMillis(250), timeout).until(this::answers);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("the server did not start in " + timeout + ":\n" + serverOutput());
        }
    }

    private boolean answers() throws Exception {
        if (!process.isAlive()) {
            throw new IllegalStateException("the server exited with " + process.exitValue() + ":\n" + serverOutput());
        }
        try {
            // The health check answers without login in either mode (503 only for a full disk).
            int status = http.send(request("/api/health").GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || status == 503;
        } catch (IOException notYet) {
            return false; // not listening yet
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    public String serverOutput() throws IOException {
        Path out = dataDir.resolve("server.out");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
    }

    public Response post(String path, String json) throws Exception {
        var r = http.send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** Uploads a file as multipart/form-data with a {@code task} field, as a browser form would. */
    public Response upload(String task, String fileName, byte[] content) throws Exception {
        String boundary = "----seqplay" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"task\"\r\n\r\n" + task + "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var r = http.send(request("/api/datasets").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    public Response get(String path) throws Exception {
        var r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    public JsonNode run(long id) throws Exception {
        return get("/api/runs/" + id).json();
    }

    public long submit(String specJson) throws Exception {
        Response r = post("/api/runs", specJson);
        if (r.status() != 201) {
            throw new AssertionError("expected 201, got " + r.status() + ": " + r.body());
        }
        return r.json().get("id").asLong();
    }

    /** Polls a run until the condition holds; fails with the run and the server's output if it never does. */
    public JsonNode awaitRun(long id, Predicate<JsonNode> condition, Duration timeout) throws Exception {
        try {
            return polling(Duration.ofMillis(200), timeout).until(() -> run(id), condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("run " + id + " did not reach the expected state in " + timeout + ": " + run(id)
                    + "\nlog:\n" + get("/api/runs/" + id + "/log").body());
        }
    }

    /** Waits for a status; fails at once if the run ends in another final status. */
    public JsonNode awaitStatus(long id, String status, Duration timeout) throws Exception {
        var finals = java.util.Set.of("SUCCEEDED", "FAILED", "CANCELLED", "DIVERGED", "INTERRUPTED");
        JsonNode run = awaitRun(id, r -> status.equals(r.get("status").asText())
                || finals.contains(r.get("status").asText()), timeout);
        if (!status.equals(run.get("status").asText())) {
            throw new AssertionError("run " + id + " ended " + run.get("status").asText() + ", expected " + status
                    + ": " + run + "\nlog:\n" + get("/api/runs/" + id + "/log").body());
        }
        return run;
    }

    public int metricCount(long id) throws Exception {
        int n = 0;
        for (JsonNode series : get("/api/runs/" + id + "/metrics").json()) {
            n += series.size();
        }
        return n;
    }

    /** Trainer processes started by this server (its children). */
    public List<ProcessHandle> trainers() {
        return process.descendants().filter(p -> p.info().commandLine().orElse("").contains(" train ")).toList();
    }

    /** A trainer reports its result just before it exits: give it a moment to be gone. */
    public void awaitNoTrainers(Duration timeout) {
        try {
            polling(Duration.ofMillis(100), timeout).until(() -> trainers().isEmpty());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("trainer processes are still alive: " + trainers());
        }
    }

    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    public static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public record Response(int status, String body) {
        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }
}
