package com.seqplay.run.service;

import java.nio.file.Path;
import java.util.List;

/** Explains in words why a trainer ended without a result. */
final class TrainerExit {
    private TrainerExit() {}

    static String describe(int exit, String lastError, Path logFile) {
        List<String> tail = LogTail.read(logFile, 200);
        boolean outOfMemory = tail.stream().anyMatch(TrainerExit::meansOutOfMemory)
                || (lastError != null && meansOutOfMemory(lastError));
        if (outOfMemory) {
            return "The trainer ran out of memory (exit code " + exit + "). Try a smaller batch or hidden size, "
                    + "or raise seqplay.trainer.heap-mb / off-heap-mb.";
        }
        if (lastError != null) {
            return lastError + " (exit code " + exit + ")";
        }
        if (exit == 137 || exit == 143) {
            return "The trainer process was killed (signal " + (exit - 128) + ") before it finished.";
        }
        if (exit >= 128) {
            return "The trainer process crashed (signal " + (exit - 128) + "); see the log.";
        }
        if (exit == 0) {
            return "The trainer exited without reporting a result.";
        }
        return "The trainer exited with code " + exit + " without a result; see the log.";
    }

    /** Java heap, JavaCPP's off-heap limit and native allocations each say it differently. */
    private static boolean meansOutOfMemory(String line) {
        return line.contains("OutOfMemoryError") || line.contains("bad_alloc") || line.contains("Cannot allocate")
                || line.contains("Physical memory usage is too high");
    }
}
