package com.seqplay.run.inference;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.Prediction;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.inference.WorkerProtocol.Answer;
import com.seqplay.inference.WorkerProtocol.Kind;
import com.seqplay.inference.WorkerProtocol.Question;
import com.seqplay.run.launch.ChildBlas;
import com.seqplay.run.launch.ChildJvm;
import com.seqplay.spec.RunSpec;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps the one inference worker: started on the first prediction, reused, started again when it
 * died, stopped after an idle period and on shutdown. The worker answers one question at a time;
 * a question waits for its turn within its own time limit, and a worker that overruns it is
 * killed, so one slow prediction delays the others by at most the limit.
 */
@Component
public class InferenceSupervisor {
    private static final Logger log = LoggerFactory.getLogger(InferenceSupervisor.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    /** Starts a worker process; production starts the jar's {@code infer-worker}. */
    @FunctionalInterface
    interface Starter {
        Process start() throws IOException;
    }

    private final Starter starter;
    private final Duration limit;
    private final Duration idleTimeout;
    private final ReentrantLock turn = new ReentrantLock(true);
    private final AtomicLong questions = new AtomicLong();
    private final ScheduledExecutorService idleCheck;
    private volatile InferenceWorker worker;
    private volatile long lastUsedNanos = System.nanoTime();

    @Autowired
    InferenceSupervisor(SeqplayProperties properties, ChildJvm jvm, ChildBlas blas) {
        this(workerStarter(properties, jvm, blas), properties.inference().timeout(), properties.inference().idleTimeout());
    }

    InferenceSupervisor(Starter starter, Duration limit, Duration idleTimeout) {
        this.starter = starter;
        this.limit = limit;
        this.idleTimeout = idleTimeout;
        this.idleCheck = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "inference-idle");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1000, idleTimeout.toMillis() / 4);
        idleCheck.scheduleWithFixedDelay(this::stopIfIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private static Starter workerStarter(SeqplayProperties properties, ChildJvm jvm, ChildBlas blas) {
        SeqplayProperties.Inference limits = properties.inference();
        List<String> options = List.of(
                "-Xmx" + limits.heapMb() + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-Dorg.bytedeco.javacpp.maxbytes=" + limits.offHeapMb() + "M",
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (limits.heapMb() + limits.offHeapMb()) + "M");
        Path logFile = properties.dataDir().resolve("inference-worker.log");
        return () -> jvm.start(ChildJvm.Role.INFERENCE_WORKER, options, List.of(), builder -> {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            // One OpenMP thread: a prediction is a few small products, and the trainers need the cores.
            builder.environment().put("OMP_NUM_THREADS", "1");
            blas.applyTo(builder.environment());
        });
    }

    /**
     * @throws PredictionException if the request does not suit the model
     * @throws InferenceUnavailableException if no answer came in time or the worker failed
     */
    public Prediction predict(RunSpec spec, Path runDir, PredictRequest request) {
        return ask(Kind.PREDICT, spec, runDir, request).prediction();
    }

    /**
     * The model's recurrent states and gates on {@code input}, computed in the worker like a
     * prediction and under the same time limit and turn.
     *
     * @throws PredictionException if the input does not suit the model
     * @throws InferenceUnavailableException if no answer came in time or the worker failed
     */
    public Inspection inspect(RunSpec spec, Path runDir, String input) {
        PredictRequest request = new PredictRequest(input, null, null, null, null, null, null, null);
        return ask(Kind.INSPECT, spec, runDir, request).inspection();
    }

    private Answer ask(Kind kind, RunSpec spec, Path runDir, PredictRequest request) {
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            if (!turn.tryLock(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new InferenceUnavailableException("The inference worker is busy with other predictions; "
                        + "none finished within " + seconds(limit) + ". Try again.", true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceUnavailableException("interrupted", false);
        }
        try {
            InferenceWorker w = runningWorker();
            Duration left = Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
            Answer answer;
            try {
                answer = w.ask(new Question(questions.incrementAndGet(), kind, spec, runDir, request), left);
            } catch (TimeoutException e) {
                w.kill();
                worker = null;
                throw new InferenceUnavailableException("The prediction took longer than " + seconds(limit)
                        + " and was stopped; the inference worker restarts for the next one.", true);
            } catch (IOException e) {
                worker = null;
                throw new InferenceUnavailableException("The inference worker stopped while answering ("
                        + e.getMessage() + "); the next prediction starts a new one.", false);
            }
            if (answer.refused() != null) {
                throw new PredictionException(answer.refused());
            }
            if (answer.failed() != null) {
                throw new InferenceUnavailableException("The inference worker failed: " + answer.failed(), false);
            }
            return answer;
        } finally {
            lastUsedNanos = System.nanoTime();
            turn.unlock();
        }
    }

    /** The process id of the worker, if one is running (tests, diagnostics). */
    public OptionalLong workerPid() {
        InferenceWorker w = worker;
        return w != null && w.alive() ? OptionalLong.of(w.pid()) : OptionalLong.empty();
    }

    /** Called with the turn held. */
    private InferenceWorker runningWorker() {
        InferenceWorker w = worker;
        if (w != null && w.alive()) {
            return w;
        }
        if (w != null) {
            w.kill();
        }
        try {
            w = new InferenceWorker(starter.start());
        } catch (IOException e) {
            throw new InferenceUnavailableException("The inference worker could not start: " + e.getMessage(), false);
        }
        try {
            // Starting (JVM and native libraries) has a limit of its own, so that a cold start
            // does not eat the first question's time.
            w.awaitReady(limit);
        } catch (TimeoutException e) {
            w.kill();
            throw new InferenceUnavailableException("The inference worker did not start within " + seconds(limit)
                    + ".", true);
        } catch (IOException e) {
            w.kill();
            throw new InferenceUnavailableException("The inference worker could not start: " + e.getMessage()
                    + "; its log is inference-worker.log in the data folder.", false);
        }
        log.info("Inference worker {} started", w.pid());
        worker = w;
        return w;
    }

    private void stopIfIdle() {
        if (worker == null || System.nanoTime() - lastUsedNanos < idleTimeout.toNanos() || !turn.tryLock()) {
            return;
        }
        try {
            InferenceWorker w = worker;
            if (w != null && System.nanoTime() - lastUsedNanos >= idleTimeout.toNanos()) {
                worker = null;
                log.info("Inference worker {} stops after {} unused", w.pid(), seconds(idleTimeout));
                w.stop(STOP_GRACE);
            }
        } finally {
            turn.unlock();
        }
    }

    @PreDestroy
    void shutdown() {
        idleCheck.shutdownNow();
        InferenceWorker w = worker;
        worker = null;
        if (w != null) {
            w.stop(Duration.ofSeconds(2));
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
