package com.seqplay.run.service;

import com.seqplay.SeqplayApplication;
import com.seqplay.config.SeqplayProperties;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.stereotype.Component;

/**
 * Runs each trainer as a child JVM started from the same jar, with its own heap, off-heap and
 * thread limits: a native crash or an out-of-memory there ends one run, never the server.
 */
@Component
public class LocalProcessLauncher implements TrainerLauncher {
    public static final String LOG_FILE = "trainer.log";
    private final SeqplayProperties.Trainer limits;

    LocalProcessLauncher(SeqplayProperties properties) {
        this.limits = properties.trainer();
    }

    @Override
    public RunningTrainer start(long runId, Path specFile, Path runDir, Optional<Path> datasetFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaCommand());
        command.add("-Xmx" + limits.heapMb() + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Dorg.bytedeco.javacpp.maxbytes=" + limits.offHeapMb() + "M");
        command.add("-Dorg.bytedeco.javacpp.maxphysicalbytes=" + (limits.heapMb() + limits.offHeapMb()) + "M");
        command.add("-Dseqplay.run=" + runId);
        command.addAll(entryPoint());
        command.addAll(List.of("train", specFile.toString(), "--run-dir", runDir.toString(), "--events", "--watch-parent"));
        datasetFile.ifPresent(f -> command.addAll(List.of("--dataset-file", f.toString())));
        var builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(runDir.resolve(LOG_FILE).toFile()));
        builder.environment().put("OMP_NUM_THREADS", Integer.toString(limits.ompThreads()));
        return new LocalTrainer(builder.start());
    }

    private String javaCommand() {
        if (!limits.javaCommand().isBlank()) {
            return limits.javaCommand();
        }
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The packaged jar when we run from one; the class path otherwise (development, tests). */
    private static List<String> entryPoint() {
        File source = new ApplicationHome(SeqplayApplication.class).getSource();
        if (source != null && source.isFile() && source.getName().endsWith(".jar")) {
            return List.of("-jar", source.getAbsolutePath());
        }
        return List.of("-cp", System.getProperty("java.class.path"), SeqplayApplication.class.getName());
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
