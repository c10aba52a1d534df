package com.seqplay.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.seqplay.events.EventCodec;
import com.seqplay.events.TrainerEvent;
import com.seqplay.testsupport.SlowTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same small run trained in a child JVM on the bundled OpenBLAS and on the system's: both
 * record the library they ran on, and they learn the same (equal losses up to the rounding of
 * different matrix-product kernels). Needs a system OpenBLAS at Debian's usual places
 * ({@code libopenblas0-pthread}); CI installs it.
 */
@SlowTest
class NativeBlasTrainingTest {
    /** One LSTM layer (the project's own layer, which calls {@code cblas_sgemm} directly) on built-in text. */
    private static final String SPEC = """
            {"task":"textgen","cell":"lstm","epochs":2,"builtinSize":3000,"hiddenSize":32,"layers":1,
             "sequenceLength":40,"batchSize":16,"sampleLength":5,"seed":7}""";

    private record Trained(String device, List<Double> losses) {}

    @Test
    void a_run_on_the_system_openblas_learns_as_on_the_bundled_one(@TempDir Path dir) throws Exception {
        NativeBlas.Decision system = NativeBlas.decide(BlasChoice.SYSTEM, NativeBlas.candidates(Optional.empty()));
        assumeTrue(system.system(), () -> "skipped: no system OpenBLAS on this machine (" + system.reason() + ")");
        Path spec = Files.writeString(dir.resolve("spec.json"), SPEC);

        Trained bundled = train(spec, dir.resolve("bundled"), NativeBlas.decide(BlasChoice.BUNDLED, List.of()));
        Trained preloaded = train(spec, dir.resolve("system"), system);

        assertThat(bundled.device()).contains("(bundled)");
        assertThat(preloaded.device()).contains("(system, " + system.library().orElseThrow() + ")");
        assertThat(preloaded.losses()).hasSameSizeAs(bundled.losses()).hasSizeGreaterThan(2);
        for (int i = 0; i < bundled.losses().size(); i++) {
            double b = bundled.losses().get(i);
            assertThat(preloaded.losses().get(i)).as("train_loss %d", i).isCloseTo(b,
                    org.assertj.core.data.Offset.offset(1e-3 * b));
        }
        assertThat(bundled.losses().get(bundled.losses().size() - 1))
                .as("the run learned something").isLessThan(bundled.losses().get(0));
    }

    private static Trained train(Path spec, Path runDir, NativeBlas.Decision blas) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "com.seqplay.cli.SeqplayCommand",
                "train", spec.toString(), "--run-dir", runDir.toString(), "--events");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("OMP_NUM_THREADS", "1");
        blas.applyTo(builder.environment());
        Process process = builder.start();
        String device = null;
        List<Double> losses = new ArrayList<>();
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                Optional<TrainerEvent> event = EventCodec.decode(line);
                if (event.isPresent() && event.get() instanceof TrainerEvent.Started started) {
                    device = started.device();
                } else if (event.isPresent() && event.get() instanceof TrainerEvent.Metric m
                        && m.name().equals("train_loss")) {
                    losses.add(m.value());
                }
            }
        }
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as("trainer exit code").isZero();
        assertThat(device).as("the Started event's device").isNotNull();
        return new Trained(device, losses);
    }
}
