package com.seqplay.run.service;

import com.seqplay.config.LimitProperties;
import com.seqplay.config.SeqplayProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How much memory a local trainer process may hold, and whether it holds more.
 *
 * <p>Why here and not in the trainer: JavaCPP can bound a process's resident memory itself
 * ({@code org.bytedeco.javacpp.maxphysicalbytes}), but it checks at every native allocation, reading
 * {@code /proc/self/statm} under a global lock; that cost 12% of a translation epoch's CPU time
 * (measured with {@code bench --task translation}). Trainers therefore run without that check (see
 * {@code SeqplayCommand}), bounded by their heap ({@code -Xmx}) and JavaCPP's off-heap limit, and the
 * server's watchdog looks at each trainer's resident memory every few seconds instead. A batch
 * system that starts trainers elsewhere enforces its own memory limit.
 */
final class TrainerMemory {
    /** Room above heap and off-heap for the JVM itself, the native libraries and thread stacks. */
    static final long MARGIN_BYTES = 512L << 20;
    private static final long MB = 1L << 20;

    private final long limitBytes;

    TrainerMemory(long limitBytes) {
        this.limitBytes = limitBytes;
    }

    /** {@code seqplay.limits.trainer-memory}, or when that is 0 the trainer's heap and off-heap plus {@link #MARGIN_BYTES}. */
    static TrainerMemory of(SeqplayProperties.Trainer trainer, LimitProperties limits) {
        long configured = limits.trainerMemory().toBytes();
        return new TrainerMemory(configured > 0 ? configured
                : ((long) trainer.heapMb() + trainer.offHeapMb()) * MB + MARGIN_BYTES);
    }

    long limitBytes() {
        return limitBytes;
    }

    /** The process's resident memory ({@code VmRSS} of {@code /proc/<pid>/status}); empty where that cannot be read. */
    static OptionalLong residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024); // the kernel writes kB
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process has gone: nothing to judge
        }
        return OptionalLong.empty();
    }

    /** Why the process must stop, when it holds more than the limit. */
    Optional<String> overLimit(long pid) {
        OptionalLong resident = residentBytes(pid);
        if (resident.isEmpty() || resident.getAsLong() <= limitBytes) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT, "out of memory: the trainer held %,d MB, over this server's"
                + " limit of %,d MB per trainer (seqplay.limits.trainer-memory)", resident.getAsLong() / MB,
                limitBytes / MB));
    }
}
