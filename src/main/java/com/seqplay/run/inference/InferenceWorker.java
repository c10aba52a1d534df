package com.seqplay.run.inference;

import com.seqplay.inference.WorkerProtocol;
import com.seqplay.inference.WorkerProtocol.Answer;
import com.seqplay.inference.WorkerProtocol.Question;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running inference worker process and the conversation with it. */
final class InferenceWorker {
    private static final Logger log = LoggerFactory.getLogger(InferenceWorker.class);
    private final Process process;
    private final BufferedWriter questions;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();

    InferenceWorker(Process process) {
        this.process = process;
        this.questions = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(this::readAnswers, "inference-worker-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive() && !ready.isCompletedExceptionally();
    }

    /** Waits until the worker has loaded its libraries. */
    void awaitReady(Duration limit) throws TimeoutException, IOException {
        try {
            ready.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /**
     * @throws TimeoutException if no answer came within {@code limit}
     * @throws IOException if the worker stopped before answering
     */
    Answer ask(Question question, Duration limit) throws TimeoutException, IOException {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        waiting.put(question.id(), answer);
        try {
            if (ready.isCompletedExceptionally()) {
                throw new IOException("the inference worker stopped" + exitCode());
            }
            questions.write(WorkerProtocol.encode(question));
            questions.newLine();
            questions.flush();
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            waiting.remove(question.id());
        }
    }

    /** Lets the worker finish by itself (it exits when its input closes), then ends it. */
    void stop(Duration grace) {
        try {
            questions.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    void kill() {
        process.destroyForcibly();
    }

    private void readAnswers() {
        try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals(WorkerProtocol.READY)) {
                    ready.complete(null);
                    continue;
                }
                var answer = WorkerProtocol.decodeAnswer(line);
                if (answer.isPresent()) {
                    var pending = waiting.get(answer.get().id());
                    if (pending != null) {
                        pending.complete(answer.get());
                    }
                } else {
                    // Only the JVM itself writes here (the worker moves System.out to its log).
                    log.warn("inference worker {}: {}", process.pid(), line);
                }
            }
        } catch (IOException ignored) {
            // the stream closes when the process ends
        }
        IOException gone = new IOException("the inference worker stopped" + exitCode());
        ready.completeExceptionally(gone);
        waiting.values().forEach(f -> f.completeExceptionally(gone));
    }

    private String exitCode() {
        try {
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                int code = process.exitValue();
                return code == 3 || code == 137 ? " (exit code " + code + ": out of memory or killed)"
                        : " (exit code " + code + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }
}
