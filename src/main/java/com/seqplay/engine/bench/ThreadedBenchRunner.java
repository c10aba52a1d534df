package com.seqplay.engine.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a benchmark at a given number of native threads or on another OpenBLAS. ND4J and OpenBLAS
 * read {@code OMP_NUM_THREADS} once, when they load, and a system OpenBLAS can only be preloaded
 * when a process starts, so either needs a fresh JVM: this starts the same program again (same
 * java, same jar or class path) with that environment and relays the child's result lines. The
 * current JVM measures in-process only when its own environment already is the requested one.
 */
public final class ThreadedBenchRunner {

    private ThreadedBenchRunner() {}

    /** Marks a benchmark's child: it measures whatever it was started with, and starts no child itself. */
    private static final String CHILD = "SEQPLAY_BENCH_CHILD";

    /** True in a JVM that this class started. */
    public static boolean isChild() {
        return "1".equals(System.getenv(CHILD));
    }

    /** True when this JVM already runs with {@code threads} OMP threads. */
    public static boolean runsWith(int threads) {
        return String.valueOf(threads).equals(System.getenv("OMP_NUM_THREADS"));
    }

    /**
     * Starts {@code <this program> <args>} with OMP_NUM_THREADS={@code threads} and the rest of its
     * environment as {@code environment} leaves it, passes each line it prints to {@code lines} and
     * returns its exit code. Its standard error goes to ours.
     */
    public static int runChild(int threads, List<String> args, Consumer<String> lines,
            Consumer<Map<String, String>> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            command.add("-jar");
            command.add(classPath);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add("com.seqplay.SeqplayApplication");
        }
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OMP_NUM_THREADS", String.valueOf(threads));
        pb.environment().put("OPENBLAS_NUM_THREADS", String.valueOf(threads));
        pb.environment().put(CHILD, "1");
        environment.accept(pb.environment());
        Process child = pb.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.accept(line);
            }
        }
        return child.waitFor();
    }
}
