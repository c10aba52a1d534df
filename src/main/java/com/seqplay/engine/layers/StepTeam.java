package com.seqplay.engine.layers;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A small fixed team of threads that share the time loop of a fused recurrent layer
 * ({@link FusedRecurrentImpl}): the caller is member 0, the others are daemon threads that wait
 * between sections. A section ({@link #runPhases}) is a sequence of phases, each split into a fixed
 * number of independent chunks; a phase starts when every chunk of the one before is done.
 *
 * <p>Why threads of our own: the per-step products are too small for OpenBLAS to gain much from a
 * second thread, and the gate arithmetic between them is Java code on one thread, so a second
 * core helped LSTM training by about a fifth only. Each member instead does its share of every
 * product (single-threaded OpenBLAS on a block of the result) and the gate arithmetic of its rows.
 *
 * <p>Chunks are not bound to members: each member takes the next chunk in order as it comes free.
 * On a machine that other programs share, a member that the OS has paused thus delays the others
 * only when it is paused inside a chunk; with members bound to fixed parts, every phase would wait
 * for it. Results do not depend on which member ran a chunk (per-member state is scratch only).
 *
 * <p>Size: 1 (no team: the serial path, exactly as without this class) unless asked for with the
 * system property {@value #THREADS_PROPERTY} or the environment variable {@value #THREADS_VARIABLE},
 * either a number or {@value #FOLLOW_OMP} for the process's {@code OMP_NUM_THREADS} (which is how
 * runs and the bench command choose threads). With enough rows the recurrent layers give each
 * member a block of rows for the whole time loop ({@code FusedRecurrentImpl.rowBlocks}); the
 * output layer's softmax and the Adam step ({@link ElementWork}) are shared too. Measured with the
 * bench command's reference model on the quiet 2-core machine (medians of 3 alternating runs, two
 * threads against one): LSTM 1.40x, GRU 1.21x, the plain RNN 0.91x. Each member's step product
 * packs all of RW again for half the rows (OpenBLAS packs its operands on every call), and the
 * two cores give two independent one-thread trainings 1.82x, so two threads of one run stay short of
 * the 1.6x this was written for, hence off by default: two runs side by side use a second core
 * better than one run with two threads.
 * One section at a time in the process: a layer that finds the team busy (another training in the
 * same JVM) runs serially. Waiting is a short spin (phases last tens of microseconds), then
 * yielding between phases and parking between sections.
 */
final class StepTeam implements AutoCloseable {

    /** How long a member spins before it yields (at a barrier) or parks (between sections). */
    private static final long SPIN_NANOS = 100_000;

    /** Held from {@link #tryAcquire} to {@link #close}; not reentrant, so a section never nests in another. */
    private static final AtomicBoolean IN_USE = new AtomicBoolean();
    private static final Map<Integer, StepTeam> TEAMS = new ConcurrentHashMap<>();
    private static final int CONFIGURED = configuredThreads();
    /** Whether OpenBLAS was set to one thread for good (see {@link #tryAcquire}). */
    private static volatile boolean blasPinned;
    /** Set by tests to use a team (of this size) even where the process has one thread; 0 = unset. */
    private static volatile int forced;

    private final int size;
    private final Thread[] members;
    private final AtomicInteger pending = new AtomicInteger();
    /** The next chunk to take and the number done, counted over the whole section. */
    private final AtomicInteger nextChunk = new AtomicInteger();
    private final AtomicInteger doneChunks = new AtomicInteger();
    private int chunksPerPhase;
    private int totalChunks;
    private ChunkWork work;
    private volatile int section;
    private volatile boolean aborted;
    private volatile Thread caller;
    private Throwable failure;
    private int nd4jThreadsBefore;
    private int nd4jMasterThreadsBefore;

    private StepTeam(int size) {
        this.size = size;
        this.members = new Thread[size];
        for (int i = 1; i < size; i++) {
            int id = i;
            Thread t = new Thread(() -> memberLoop(id), "seqplay-step-team-" + i);
            t.setDaemon(true);
            members[i] = t;
            t.start();
        }
    }

    /** System property giving the layers' thread count: a number, or {@value #FOLLOW_OMP}. */
    static final String THREADS_PROPERTY = "seqplay.layer.threads";
    /** Environment variable read when the property is unset (a child process inherits it). */
    static final String THREADS_VARIABLE = "SEQPLAY_LAYER_THREADS";
    /** Value meaning "as many as OMP_NUM_THREADS". */
    static final String FOLLOW_OMP = "omp";

    /**
     * The thread count for layers: 1 (no team) unless {@value #THREADS_PROPERTY} or
     * {@value #THREADS_VARIABLE} asks for more, as a number or as {@value #FOLLOW_OMP}
     * (OMP_NUM_THREADS); unreadable values count as 1. Off by default (see the class comment).
     */
    private static int configuredThreads() {
        String value = System.getProperty(THREADS_PROPERTY, System.getenv(THREADS_VARIABLE));
        if (value != null && value.trim().equalsIgnoreCase(FOLLOW_OMP)) {
            value = System.getenv("OMP_NUM_THREADS");
        }
        if (value == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(value.trim());
            return Math.max(1, Math.min(n, Runtime.getRuntime().availableProcessors()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** For tests: use a team of {@code threads} whatever the process has; 0 restores the default. */
    static void forceThreads(int threads) {
        forced = threads;
    }

    static int threads() {
        int f = forced;
        return f > 0 ? f : CONFIGURED;
    }

    /**
     * The team, reserved for the caller until {@link #close()}, or null where the layer should run
     * serially: one thread configured, a minibatch of one, products not going straight to OpenBLAS,
     * or the team busy elsewhere.
     */
    static StepTeam tryAcquire(int batch) {
        int n = threads();
        if (n < 2 || batch < 2 || !Gemm.isDirect() || !IN_USE.compareAndSet(false, true)) {
            return null;
        }
        StepTeam team = TEAMS.computeIfAbsent(n, StepTeam::new);
        if (!blasPinned) {
            // Once a team works in this process, OpenBLAS stays at one thread (the team is the
            // parallelism; products outside sections are small): switching it to one thread and back
            // around every section went through JavaCPP's loader each time, 4% of an iteration.
            Gemm.useSingleThreadedBlas();
            blasPinned = true;
        }
        // ND4J's own operations in between (transposed copies, bias rows) run on the caller alone as
        // well: with its OpenMP threads they cost more than they gain and leave those threads spinning
        // on the cores the team needs.
        Environment env = Nd4j.getEnvironment();
        team.nd4jThreadsBefore = env.maxThreads();
        team.nd4jMasterThreadsBefore = env.maxMasterThreads();
        env.setMaxThreads(1);
        env.setMaxMasterThreads(1);
        return team;
    }

    @Override
    public void close() {
        Environment env = Nd4j.getEnvironment();
        env.setMaxThreads(nd4jThreadsBefore);
        env.setMaxMasterThreads(nd4jMasterThreadsBefore);
        IN_USE.set(false);
    }

    int size() {
        return size;
    }

    /** One chunk of a phase; {@code member} only says whose scratch space to use. */
    interface ChunkWork {
        void run(int phase, int chunk, int member);
    }

    /**
     * Runs {@code phases} phases of {@code chunks} chunks each on the team and returns when all are
     * done: chunk c of phase p starts only when every chunk of the phases before p is done. If a
     * chunk fails, the members stop where they wait and the failure is thrown here.
     */
    void runPhases(int phases, int chunks, ChunkWork work) {
        this.work = work;
        this.chunksPerPhase = chunks;
        this.totalChunks = Math.multiplyExact(phases, chunks);
        this.failure = null;
        this.aborted = false;
        this.caller = Thread.currentThread();
        nextChunk.set(0);
        doneChunks.set(0);
        pending.set(size - 1);
        section++; // volatile write: publishes the fields above to the members
        for (int i = 1; i < size; i++) {
            LockSupport.unpark(members[i]);
        }
        takeChunks(0);
        long spinUntil = System.nanoTime() + SPIN_NANOS;
        while (pending.get() != 0) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, 20_000);
            }
        }
        this.work = null;
        if (failure != null) {
            if (failure instanceof RuntimeException r) {
                throw r;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure);
        }
    }

    private void takeChunks(int member) {
        try {
            while (true) {
                int id = nextChunk.getAndIncrement();
                if (id >= totalChunks || aborted) {
                    return;
                }
                int phase = id / chunksPerPhase;
                awaitDone(phase * chunksPerPhase);
                work.run(phase, id - phase * chunksPerPhase, member);
                doneChunks.incrementAndGet();
            }
        } catch (Throwable e) {
            fail(e);
        }
    }

    /** Waits until {@code count} chunks of the section are done. */
    private void awaitDone(int count) {
        long spinUntil = 0;
        int spins = 0;
        while (doneChunks.get() < count) {
            if (aborted) {
                throw new CancellationException("another thread of the step team failed");
            }
            if ((++spins & 63) == 0) {
                long now = System.nanoTime();
                if (spinUntil == 0) {
                    spinUntil = now + SPIN_NANOS;
                } else if (now > spinUntil) {
                    Thread.yield();
                    continue;
                }
            }
            Thread.onSpinWait();
        }
    }

    private synchronized void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        } else if (!(e instanceof CancellationException)) {
            failure.addSuppressed(e);
        }
        aborted = true;
    }

    private void memberLoop(int id) {
        int seen = 0;
        while (true) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (section == seen) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
            seen = section;
            try {
                takeChunks(id);
            } finally {
                if (pending.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    /** Work on the rows [from, from + count) of something. */
    interface RowBlock {
        void run(int from, int count);
    }

    /**
     * Runs {@code work} on all {@code rows}, one block of rows per member of {@code team}, or all on
     * this thread when {@code team} is null.
     */
    static void byRows(StepTeam team, int rows, RowBlock work) {
        byParts(team, rows, (part, from, count) -> work.run(from, count));
    }

    /** Work on part {@code part} of something: its rows [from, from + count). */
    interface PartBlock {
        void run(int part, int from, int count);
    }

    /** The parts {@link #byParts} splits into: one per member, or one without a team. */
    static int parts(StepTeam team) {
        return team == null ? 1 : team.size;
    }

    /**
     * Like {@link #byRows}, telling each block which part it is (0 to {@link #parts} - 1, in row
     * order), so that it can keep sums of its own and the caller add them in a fixed order.
     */
    static void byParts(StepTeam team, int rows, PartBlock work) {
        if (team == null) {
            work.run(0, 0, rows);
            return;
        }
        int parts = team.size;
        team.runPhases(1, parts, (phase, chunk, member) -> {
            int from = split(rows, parts, chunk, 1);
            work.run(chunk, from, split(rows, parts, chunk + 1, 1) - from);
        });
    }

    /** Start of part {@code i} of {@code parts} of [0, total), at a multiple of {@code align} (except the end). */
    static int split(int total, int parts, int i, int align) {
        if (i >= parts) {
            return total;
        }
        long units = (total + (long) align - 1) / align;
        return (int) Math.min(total, units * i / parts * align);
    }
}
