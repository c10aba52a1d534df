package com.seqplay.run.service;

import com.seqplay.run.domain.RunFolder;

import com.seqplay.config.SeqplayProperties;
import com.seqplay.run.launch.ChildBlas;
import com.seqplay.run.launch.ChildJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Runs each trainer as a child JVM started from the same jar, with its own heap, off-heap and
 * thread limits: a native crash or an out-of-memory there ends one run, never the server.
 */
@Component
public class LocalProcessLauncher implements TrainerLauncher {
    public static final String LOG_FILE = RunFolder.LOG_FILE;
    private final SeqplayProperties.Trainer limits;
    private final ChildJvm jvm;
    private final ChildBlas blas;

    LocalProcessLauncher(SeqplayProperties properties, ChildJvm jvm, ChildBlas blas) {
        this.limits = properties.trainer();
        this.jvm = jvm;
        this.blas = blas;
    }

    @Override
    public RunningTrainer start(long runId, Path specFile, Path runDir, Optional<Path> datasetFile, boolean resume)
            throws IOException {
        List<String> options = List.of(
                "-Xmx" + limits.heapMb() + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dorg.bytedeco.javacpp.maxbytes=" + limits.offHeapMb() + "M",
                // no maxphysicalbytes: checked at every allocation it cost 12% of a translation
                // epoch; the watchdog bounds resident memory instead (TrainerMemory)
                "-Dseqplay.run=" + runId);
        List<String> args = new ArrayList<>(
                List.of(specFile.toString(), "--run-dir", runDir.toString(), "--events", "--watch-parent"));
        datasetFile.ifPresent(f -> args.addAll(List.of("--dataset-file", f.toString())));
        if (resume) {
            args.add("--resume");
        }
        Process process = jvm.start(ChildJvm.Role.TRAINER, options, args, builder -> {
            builder.redirectError(ProcessBuilder.Redirect.appendTo(new RunFolder(runDir).logFile().toFile()));
            builder.environment().put("OMP_NUM_THREADS", Integer.toString(limits.ompThreads()));
            blas.applyTo(builder.environment());
        });
        return new LocalTrainer(process);
    }

    private static final class LocalTrainer implements RunningTrainer {
        private final Process process;
        private final BufferedReader output;

        LocalTrainer(Process process) {
            this.process = process;
            this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public BufferedReader output() {
            return output;
        }

        @Override
        public int waitFor() throws InterruptedException {
            return process.waitFor();
        }

        /** The trainer reads its standard input for this line (TrainCommand, --watch-parent). */
        @Override
        public void requestStop() {
            try {
                var in = process.getOutputStream();
                in.write("stop\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            } catch (IOException ignored) {
                // it has exited already
            }
        }

        @Override
        public void stop(Duration grace) {
            try {
                // Closing its standard input makes the trainer halt at once (--watch-parent).
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // already closed
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
    }
}
