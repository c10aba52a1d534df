package com.seqplay.engine.bench;

import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times a real run's epochs from the trainer's own events, taken as they arrive on the training
 * thread: an epoch's training ends at its last training step ({@link TrainerEvent.Progress}) and its
 * evaluation at its {@code val_loss} metric. What the loop does after {@code val_loss} (checkpoint,
 * resume point) is counted in the next epoch's training, as a user waits for it there.
 *
 * <p>CPU seconds come from {@link CpuClock}: on a machine shared with other work they show what an
 * epoch costs when its wall time does not.
 */
public final class EpochTimer implements EventSink {
    /** Whose CPU time an epoch's CPU seconds count. */
    public enum CpuClock {
        /**
         * The whole process (the JIT compiler's and the garbage collector's threads included), as the
         * PyTorch twins' {@code time.process_time()}: the forecasting benchmark.
         */
        PROCESS,
        /** The thread that trains, where ND4J and OpenBLAS compute at one thread: the translation benchmark's published figures. */
        TRAINING_THREAD
    }

    /** One epoch: wall and CPU seconds, in training and in evaluation. */
    public record Epoch(int epoch, double trainSeconds, double evalSeconds, double trainCpuSeconds,
            double evalCpuSeconds) {
        public double seconds() {
            return trainSeconds + evalSeconds;
        }

        /** The line the benchmarks print, the same format as their PyTorch twins in {@code bench/}. */
        public String line(String task, int threads) {
            return String.format(Locale.ROOT,
                    "task=%s threads=%d epoch=%d s_per_epoch=%.2f train_s=%.2f eval_s=%.2f cpu_s=%.2f",
                    task, threads, epoch, seconds(), trainSeconds, evalSeconds, trainCpuSeconds + evalCpuSeconds);
        }
    }

    private final OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final String task;
    private final CpuClock clock;
    /** Per epoch: {wall, cpu} at the last training step, then {wall, cpu} at val_loss. */
    private final List<long[]> marks = new ArrayList<>();
    private final long[] start;
    private final long[] lastStep = new long[2];

    /**
     * Starts the clock now, on the thread that will train; {@code task} names the run in the error a
     * failed run gives.
     */
    EpochTimer(String task, CpuClock clock) {
        this.task = task;
        this.clock = clock;
        this.start = now();
    }

    @Override
    public void emit(TrainerEvent event) {
        long[] now = now();
        if (event instanceof TrainerEvent.Progress) {
            lastStep[0] = now[0];
            lastStep[1] = now[1];
        } else if (event instanceof TrainerEvent.Metric m && m.name().equals("val_loss")) {
            marks.add(new long[] {lastStep[0], lastStep[1], now[0], now[1]});
        } else if (event instanceof TrainerEvent.Error e) {
            throw new IllegalStateException("the " + task + " run failed: " + e.message());
        }
    }

    /** Epochs 2.. (the JIT compiles during the first), or the only one. */
    List<Epoch> epochsAfterTheFirst() {
        List<Epoch> epochs = new ArrayList<>();
        long[] previous = start;
        for (int e = 0; e < marks.size(); e++) {
            long[] m = marks.get(e);
            epochs.add(new Epoch(e + 1, (m[0] - previous[0]) / 1e9, (m[2] - m[0]) / 1e9, (m[1] - previous[1]) / 1e9,
                    (m[3] - m[1]) / 1e9));
            previous = new long[] {m[2], m[3]};
        }
        return epochs.size() > 1 ? epochs.subList(1, epochs.size()) : epochs;
    }

    private long[] now() {
        long cpu = clock == CpuClock.PROCESS ? os.getProcessCpuTime() : threads.getCurrentThreadCpuTime();
        return new long[] {System.nanoTime(), cpu};
    }
}
