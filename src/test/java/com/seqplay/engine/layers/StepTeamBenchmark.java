package com.seqplay.engine.layers;

import com.seqplay.engine.bench.TrainingBenchmark;
import com.seqplay.spec.CellType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Not a unit test: a timing main for the shared time loop. Runs the bench command's reference
 * character model in this process and prints, per timed iteration, wall time, the process's CPU
 * time and the CPU time of this thread and of the {@link StepTeam} threads, so that the cost of a
 * second thread stays visible on a machine that other work shares. Run with OMP_NUM_THREADS=1 or 2
 * (and OPENBLAS_NUM_THREADS alike). Args: cell (lstm|gru|rnn), iterations (default 10), team size
 * (default: OMP_NUM_THREADS), ND4J's own thread count (default: left alone).
 */
public final class StepTeamBenchmark {

    private StepTeamBenchmark() {
    }

    public static void main(String[] args) {
        CellType cell = CellType.fromId(args.length > 0 ? args[0] : "lstm").orElseThrow();
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        // A team of this size (default: OMP_NUM_THREADS, which ND4J and OpenBLAS follow in any case).
        String omp = System.getenv().getOrDefault("OMP_NUM_THREADS", "1");
        StepTeam.forceThreads(Integer.parseInt(args.length > 2 ? args[2] : omp));
        if (args.length > 3) {
            var env = org.nd4j.linalg.factory.Nd4j.getEnvironment();
            System.out.println("nd4j maxThreads=" + env.maxThreads() + " maxMasterThreads=" + env.maxMasterThreads());
            env.setMaxThreads(Integer.parseInt(args[3]));
            env.setMaxMasterThreads(Integer.parseInt(args[3]));
        }
        var config = TrainingBenchmark.Config.reference();
        config = new TrainingBenchmark.Config(config.vocab(), config.layers(), config.hidden(), config.length(),
                config.batch(), config.warmup(), iterations);
        CpuClock clock = new CpuClock(config.warmup());
        var result = TrainingBenchmark.measure(cell, config, StepTeam.threads(), List.of(clock));
        System.out.println(result.line());
        long[] walls = clock.walls.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("threads=%d wall_ms=%.1f min_ms=%.1f median_ms=%.1f process_cpu_ms=%.1f caller_cpu_ms=%.1f"
                        + " team_cpu_ms=%.1f%n",
                StepTeam.threads(), result.msPerIteration(), walls[0] / 1e6, walls[walls.length / 2] / 1e6,
                clock.perIteration(clock.process), clock.perIteration(clock.caller), clock.perIteration(clock.team));
    }

    /** CPU times summed over the iterations after the warm-up. */
    private static final class CpuClock extends BaseTrainingListener {
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final int warmup;
        private int seen;
        private long[] last;
        final java.util.List<Long> walls = new java.util.ArrayList<>();
        long process;
        long caller;
        long team;
        private int counted;

        CpuClock(int warmup) {
            this.warmup = warmup;
        }

        private long[] now() {
            long teamCpu = 0;
            for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
                if (info != null && info.getThreadName().startsWith("seqplay-step-team")) {
                    teamCpu += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
                }
            }
            return new long[]{os.getProcessCpuTime(), threads.getCurrentThreadCpuTime(), teamCpu, System.nanoTime()};
        }

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            seen++;
            long[] n = now();
            if (seen > warmup && last != null) {
                process += n[0] - last[0];
                caller += n[1] - last[1];
                team += n[2] - last[2];
                walls.add(n[3] - last[3]);
                counted++;
            }
            last = n;
        }

        double perIteration(long nanos) {
            return nanos / 1e6 / Math.max(1, counted);
        }
    }
}
