package com.seqplay.run.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link TrainerLauncher} for tests that starts no JVM: each trainer plays a {@link TrainerScript}
 * on a thread of its own and writes the script's lines where a real trainer writes its standard
 * output. Scripts are chosen by the run's name (read from the spec file the scheduler wrote), so
 * a test does not depend on the order in which runs start; runs without a script succeed.
 */
final class FakeTrainerLauncher implements TrainerLauncher {
    /** Far above any real pid, so recovery never finds a process behind it. */
    private static final long PID_BASE = 1L << 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, TrainerScript> scripts = new ConcurrentHashMap<>();
    private final Map<String, IOException> startFailures = new ConcurrentHashMap<>();
    private final Map<String, FakeTrainer> trainers = new ConcurrentHashMap<>();
    private final List<String> startOrder = new CopyOnWriteArrayList<>();
    private final List<String> resumed = new CopyOnWriteArrayList<>();
    private final AtomicInteger alive = new AtomicInteger();
    private final AtomicInteger mostAlive = new AtomicInteger();

    /** The run named {@code runName} will play this script. */
    void script(String runName, TrainerScript script) {
        scripts.put(runName, script);
    }

    /** Starting the run named {@code runName} will throw, as a missing java binary would. */
    void failToStart(String runName, IOException failure) {
        startFailures.put(runName, failure);
    }

    @Override
    public RunningTrainer start(long runId, Path specFile, Path runDir, Optional<Path> datasetFile, boolean resume)
            throws IOException {
        String name = JSON.readTree(specFile.toFile()).path("name").asText();
        IOException failure = startFailures.get(name);
        if (failure != null) {
            throw failure;
        }
        var trainer = new FakeTrainer(PID_BASE + runId, scripts.getOrDefault(name, TrainerScript.succeeding()));
        trainers.put(name, trainer);
        startOrder.add(name);
        if (resume) {
            resumed.add(name);
        }
        mostAlive.accumulateAndGet(alive.incrementAndGet(), Math::max);
        trainer.play();
        return trainer;
    }

    /** Names of the runs whose trainers were started, in the order they started. */
    List<String> startOrder() {
        return List.copyOf(startOrder);
    }

    /** Names of the runs whose trainers were started to resume (--resume), in order. */
    List<String> resumed() {
        return List.copyOf(resumed);
    }

    /** The largest number of trainers that were alive at the same time. */
    int mostAlive() {
        return mostAlive.get();
    }

    Optional<FakeTrainer> trainer(String runName) {
        return Optional.ofNullable(trainers.get(runName));
    }

    /** A scripted trainer: its output is a queue of lines, its end an exit code. */
    final class FakeTrainer implements RunningTrainer {
        /** Exit code of a trainer stopped by closing its standard input (--watch-parent). */
        static final int STOPPED_EXIT = 143;
        /** Marks the end of the output; compared by identity, so no scripted line can be mistaken for it. */
        private static final String END = new String("end of output");
        private final long pid;
        private final TrainerScript script;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch exited = new CountDownLatch(1);
        private volatile boolean stopped;
        private volatile int exitCode;

        FakeTrainer(long pid, TrainerScript script) {
            this.pid = pid;
            this.script = script;
        }

        private void play() {
            Thread player = new Thread(() -> {
                int code = script.exitCode();
                try {
                    for (TrainerScript.Step step : script.steps()) {
                        if (stopped) {
                            break;
                        }
                        if (step instanceof TrainerScript.Line line) {
                            lines.add(line.text());
                        } else {
                            released.await();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exitCode = stopped ? STOPPED_EXIT : code;
                alive.decrementAndGet();
                lines.add(END);
                exited.countDown();
            }, "fake-trainer-" + pid);
            player.setDaemon(true);
            player.start();
        }

        /** Ends a {@link TrainerScript#hold()}: the script goes on. */
        void release() {
            released.countDown();
        }

        boolean wasStopped() {
            return stopped;
        }

        @Override
        public long pid() {
            return pid;
        }

        @Override
        public BufferedReader output() {
            return new BufferedReader(new QueueReader());
        }

        @Override
        public int waitFor() throws InterruptedException {
            exited.await();
            return exitCode;
        }

        /** Like the real trainer asked to stop: it ends after the current step, without a result. */
        @Override
        public void requestStop() {
            stopped = true;
            released.countDown();
        }

        @Override
        public void stop(Duration grace) {
            stopped = true;
            released.countDown();
            try {
                exited.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Reads the queued lines as one character stream, like a pipe; ready() when a line waits. */
        private final class QueueReader extends Reader {
            private String current = "";
            private int position;
            private boolean ended;

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                if (ended) {
                    return -1;
                }
                if (position == current.length()) {
                    try {
                        String next = lines.take();
                        if (next == END) {
                            ended = true;
                            return -1;
                        }
                        current = next + "\n";
                        position = 0;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while reading the fake trainer's output", e);
                    }
                }
                int n = Math.min(length, current.length() - position);
                current.getChars(position, position + n, buffer, offset);
                position += n;
                return n;
            }

            @Override
            public boolean ready() {
                return position < current.length() || (!lines.isEmpty() && lines.peek() != END);
            }

            @Override
            public void close() {
                ended = true;
            }
        }
    }
}
