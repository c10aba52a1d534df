package com.seqplay.run.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.seqplay.engine.Trainer;
import com.seqplay.engine.inference.Inspection;
import com.seqplay.engine.inference.LayerStates;
import com.seqplay.engine.inference.PredictRequest;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.engine.inference.Predictor;
import com.seqplay.engine.inspect.Inspector;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's side of the inference worker, talking to real worker processes. */
class InferenceSupervisorTest {
    @TempDir
    static Path runDir;

    private static RunSpec spec;
    private static final PredictRequest PROMPT = new PredictRequest("the ", null, 1.0, null, 40, null, null, 5L);
    private final List<InferenceSupervisor> supervisors = new ArrayList<>();

    @BeforeAll
    static void trainATinyModel() throws Exception {
        spec = SpecValidator.completeAndValidate(SpecJson.parse("""
                {"task":"textgen","cell":"gru","epochs":1,"builtinSize":3000,"hiddenSize":16,"layers":1,
                 "sequenceLength":40,"batchSize":16,"sampleLength":5,"seed":3}"""));
        new Trainer(spec, runDir, e -> { }).run();
    }

    @AfterEach
    void stopWorkers() {
        supervisors.forEach(InferenceSupervisor::shutdown);
    }

    /** The jar's own worker command, from the test class path. */
    private static Process realWorker() throws IOException {
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "com.seqplay.cli.SeqplayCommand",
                "infer-worker").redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    private InferenceSupervisor supervisor(InferenceSupervisor.Starter starter, Duration limit) {
        var s = new InferenceSupervisor(starter, limit, Duration.ofMinutes(5));
        supervisors.add(s);
        return s;
    }

    @Test
    void the_worker_answers_as_the_model_does_in_process_and_is_reused() throws Exception {
        var inference = supervisor(InferenceSupervisorTest::realWorker, Duration.ofSeconds(120));

        Object answer = inference.predict(spec, runDir, PROMPT).output();
        long pid = inference.workerPid().orElseThrow();

        assertThat(answer).isEqualTo(new Predictor().predict(spec, runDir, PROMPT).output());
        assertThat(inference.predict(spec, runDir, PROMPT).output()).isEqualTo(answer);
        assertThat(inference.workerPid()).hasValue(pid);
    }

    @Test
    void the_worker_shows_the_inside_of_the_model_as_the_inspector_does_in_process() throws Exception {
        var inference = supervisor(InferenceSupervisorTest::realWorker, Duration.ofSeconds(120));

        Inspection inspection = inference.inspect(spec, runDir, "the ");
        Inspection local = new Inspector().inspect(spec, runDir, "the ");

        assertThat(inspection.layers()).hasSize(1);
        LayerStates layer = inspection.layers().get(0);
        assertThat(layer.cell()).isEqualTo("GRU");
        assertThat(layer.steps()).containsExactly("t", "h", "e", " ");
        for (String signal : List.of(LayerStates.HIDDEN, LayerStates.UPDATE, LayerStates.RESET)) {
            assertThat(layer.states().get(signal)).as(signal)
                    .isDeepEqualTo(local.layers().get(0).states().get(signal));
        }
        assertThatThrownBy(() -> inference.inspect(spec, runDir, "\u2603"))
                .isInstanceOf(PredictionException.class).hasMessageContaining("'\u2603'");
        assertThat(inference.predict(spec, runDir, PROMPT).output()).as("the same worker still predicts")
                .isInstanceOf(String.class);
    }

    @Test
    void an_inspection_input_missing_or_too_long_is_refused_naming_input() {
        for (String input : new String[] {null, "", "a".repeat(InspectionLimits.MAX_INPUT + 1)}) {
            assertThatThrownBy(() -> InspectionLimits.check(input)).isInstanceOfSatisfying(InvalidSpecException.class,
                    e -> assertThat(e.problems().get(0).field()).isEqualTo("input"));
        }
        InspectionLimits.check("\uD83D\uDE00".repeat(InspectionLimits.MAX_INPUT)); // counted in characters, not chars
    }

    @Test
    void a_request_the_model_cannot_answer_is_refused_and_the_worker_stays() {
        var inference = supervisor(InferenceSupervisorTest::realWorker, Duration.ofSeconds(120));
        var zeroTemperature = new PredictRequest("the ", null, 0.0, null, 10, null, null, 1L);

        assertThatThrownBy(() -> inference.predict(spec, runDir, zeroTemperature))
                .isInstanceOf(PredictionException.class).hasMessageContaining("temperature");
        long pid = inference.workerPid().orElseThrow();
        assertThat(inference.predict(spec, runDir, PROMPT).output()).isInstanceOf(String.class);
        assertThat(inference.workerPid()).hasValue(pid);
    }

    @Test
    void a_worker_that_died_is_replaced_by_the_next_prediction() throws Exception {
        var inference = supervisor(InferenceSupervisorTest::realWorker, Duration.ofSeconds(120));
        Object first = inference.predict(spec, runDir, PROMPT).output();
        ProcessHandle dead = ProcessHandle.of(inference.workerPid().orElseThrow()).orElseThrow();
        dead.destroyForcibly();
        dead.onExit().join();

        assertThat(inference.predict(spec, runDir, PROMPT).output()).isEqualTo(first);
        assertThat(inference.workerPid().orElseThrow()).isNotEqualTo(dead.pid());
    }

    @Test
    void a_prediction_over_the_time_limit_is_stopped_and_the_worker_restarted() {
        // A worker that says it is ready, then never answers: the limit must end the wait.
        List<Process> started = Collections.synchronizedList(new ArrayList<>());
        var inference = supervisor(() -> {
            Process p = new ProcessBuilder("sh", "-c", "echo @ready; exec cat > /dev/null").start();
            started.add(p);
            return p;
        }, Duration.ofMillis(800));

        assertThatThrownBy(() -> inference.predict(spec, runDir, PROMPT))
                .isInstanceOfSatisfying(InferenceUnavailableException.class, e -> assertThat(e.timedOut()).isTrue())
                .hasMessageContaining("longer than 800 ms");
        assertThat(started.get(0).onExit().join().isAlive()).isFalse();
        assertThat(inference.workerPid()).isEmpty();

        assertThatThrownBy(() -> inference.predict(spec, runDir, PROMPT)).isInstanceOf(InferenceUnavailableException.class);
        assertThat(started).hasSize(2);
    }

    @Test
    void a_worker_that_cannot_start_gives_a_clear_error() {
        var inference = supervisor(() -> new ProcessBuilder("sh", "-c", "echo 'no libraries' >&2; exit 1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start(), Duration.ofSeconds(20));

        assertThatThrownBy(() -> inference.predict(spec, runDir, PROMPT))
                .isInstanceOfSatisfying(InferenceUnavailableException.class, e -> assertThat(e.timedOut()).isFalse())
                .hasMessageContaining("exit code 1");
    }

    @Test
    void inputs_over_the_size_limits_are_refused_naming_the_field() {
        String longText = "a".repeat(PredictionLimits.MAX_TEXT + 1);
        assertRefused(new PredictRequest(longText, null, null, null, null, null, null, null), "input");
        List<Double> many = Collections.nCopies(PredictionLimits.MAX_NUMBERS + 1, 1.0);
        assertRefused(new PredictRequest(null, many, null, null, null, null, null, null), "input");
        assertRefused(new PredictRequest("a", null, null, null, PredictionLimits.MAX_LENGTH + 1, null, null, null), "length");
        assertRefused(new PredictRequest(null, List.of(1.0), null, null, null, PredictionLimits.MAX_STEPS + 1, null, null),
                "steps");

        PredictionLimits.check(new PredictRequest("a".repeat(PredictionLimits.MAX_TEXT), null, null, null,
                PredictionLimits.MAX_LENGTH, null, null, null));
    }

    private static void assertRefused(PredictRequest request, String field) {
        assertThatThrownBy(() -> PredictionLimits.check(request)).isInstanceOfSatisfying(InvalidSpecException.class,
                e -> assertThat(e.problems().get(0).field()).isEqualTo(field));
    }
}
