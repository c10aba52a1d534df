package com.seqplay.run.launch;

import com.seqplay.SeqplayApplication;
import com.seqplay.config.SeqplayProperties;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.system.ApplicationHome;
import org.springframework.stereotype.Component;

/**
 * Starts the server's child JVMs (trainers, the inference worker) from its own jar, as fast as
 * this machine allows. Measured on the 2-core development machine, a JVM started with
 * {@code -jar} spent most of its start in Spring Boot's nested-jar loader; so, when fast start is
 * on, children run from an unpacked copy of the jar ({@link UnpackedJar}, prepared in the
 * background once per jar) with a class-data archive per role: the first child of a role writes
 * one when it exits ({@code -XX:ArchiveClassesAtExit}), later ones map it
 * ({@code -XX:SharedArchiveFile}). None of this is needed for a child to work: until the copy is
 * ready, or with fast start off, children start with {@code -jar} as before.
 */
@Component
public class ChildJvm {
    private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
    private static final String MAIN = "com.seqplay.cli.SeqplayCommand";
    /** An archive fits only the JVM build that wrote it; another JVM would ignore it. */
    private static final String JVM_VERSION = System.getProperty("java.vm.version").replaceAll("[^A-Za-z0-9.]", "_");

    /** What a child does; each role has its own class-data archive. */
    public enum Role {
        TRAINER("train"), INFERENCE_WORKER("infer-worker"),
        /** The step-time measurement of the "why attention" page ({@code bench --step-time}). */
        BENCH("bench");

        private final String command;

        Role(String command) {
            this.command = command;
        }
    }

    private final String java;
    private final Optional<Path> packagedJar;
    private final CompletableFuture<Path> unpacked;
    private final Map<Role, AtomicBoolean> archiving = new EnumMap<>(Role.class);

    ChildJvm(SeqplayProperties properties) {
        String configured = properties.trainer().javaCommand();
        this.java = configured.isBlank() ? Path.of(System.getProperty("java.home"), "bin", "java").toString() : configured;
        this.packagedJar = packagedJar();
        for (Role role : Role.values()) {
            archiving.put(role, new AtomicBoolean());
        }
        if (packagedJar.isPresent() && properties.launch().fastStart()) {
            Path jar = packagedJar.get();
            Path cache = properties.dataDir().resolve("cache");
            this.unpacked = CompletableFuture.supplyAsync(() -> unpack(jar, cache), runnable -> {
                Thread t = new Thread(runnable, "unpack-jar");
                t.setDaemon(true);
                t.start();
            });
        } else {
            this.unpacked = new CompletableFuture<>();
        }
    }

    /**
     * Starts {@code java <jvmOptions> <class path> <role's command> <args>}.
     *
     * @param setup redirects and environment of the process
     */
    public Process start(Role role, List<String> jvmOptions, List<String> args, Consumer<ProcessBuilder> setup)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        Path unpackedDir = unpacked.isDone() && !unpacked.isCompletedExceptionally() ? unpacked.join() : null;
        Path archive = null;
        Path writing = null;
        if (unpackedDir != null) {
            // JVM warnings go to the log, never among the events on standard output; the archive's
            // own (hundreds of "class not supported" lines while writing it) are not wanted at all.
            command.add("-Xlog:disable");
            command.add("-Xlog:all=warning,cds*=off:stderr");
            archive = unpackedDir.resolve(role.command + "-" + JVM_VERSION + ".jsa");
            if (Files.isRegularFile(archive)) {
                command.add("-XX:SharedArchiveFile=" + archive);
            } else if (archiving.get(role).compareAndSet(false, true)) {
                writing = archive.resolveSibling(archive.getFileName() + "." + System.nanoTime() + ".tmp");
                command.add("-XX:ArchiveClassesAtExit=" + writing);
            }
            command.addAll(List.of("-cp", unpackedDir.resolve(UnpackedJar.APP_JAR).toString(), MAIN));
        } else if (packagedJar.isPresent()) {
            command.addAll(List.of("-jar", packagedJar.get().toString()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), MAIN));
        }
        command.add(role.command);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        setup.accept(builder);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            if (writing != null) {
                archiving.get(role).set(false);
            }
            throw e;
        }
        if (writing != null) {
            Path written = writing;
            Path kept = archive;
            process.onExit().thenRun(() -> keepArchive(role, process, written, kept));
        }
        return process;
    }

    /**
     * A child that exited by itself wrote its archive completely; one that was killed (exit code
     * 128 and above) may have left part of one, which must never be mapped.
     */
    private void keepArchive(Role role, Process process, Path written, Path archive) {
        try {
            if (process.exitValue() < 128 && Files.isRegularFile(written) && Files.size(written) > 0) {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                log.info("Class-data archive for {} written: {}", role.command, archive);
            }
        } catch (IOException e) {
            log.warn("Could not keep the class-data archive {}: {}", written, e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(written);
            } catch (IOException ignored) {
                // a leftover temporary file is never mapped
            }
            archiving.get(role).set(false);
        }
    }

    private static Path unpack(Path jar, Path cache) {
        try {
            long t0 = System.nanoTime();
            Path dir = UnpackedJar.unpack(jar, cache);
            log.info("Child JVMs start from {} (ready in {} ms)", dir, (System.nanoTime() - t0) / 1_000_000);
            return dir;
        } catch (IOException | RuntimeException e) {
            log.warn("Child JVMs start with -jar: the jar could not be unpacked ({})", e.getMessage());
            throw new IllegalStateException(e);
        }
    }

    /** The packaged jar when the server runs from one; empty otherwise (development, tests). */
    private static Optional<Path> packagedJar() {
        File source = new ApplicationHome(SeqplayApplication.class).getSource();
        if (source != null && source.isFile() && source.getName().endsWith(".jar")) {
            return Optional.of(source.toPath().toAbsolutePath());
        }
        return Optional.empty();
    }
}
