package com.seqplay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command-line face of the jar: {@code train}, {@code bench} and {@code infer-worker}. The
 * server starts its child processes with {@link #main} on a plain class path (no Spring loader).
 */
@Command(name = "seqplay", mixinStandardHelpOptions = true, subcommands = {TrainCommand.class, BenchCommand.class,
        InferWorkerCommand.class},
        description = "Seqplay: train recurrent sequence models. Without a command, java -jar starts the web app.")
public final class SeqplayCommand {
    /** Read by JavaCPP when it loads, so it must be set before any engine class runs. */
    static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String[] args) {
        // The engine logs through SLF4J; keep its chatter on stderr, away from the event stream.
        System.setProperty("logback.configurationFile", "logback-trainer.xml");
        // JavaCPP bounds resident memory by reading /proc/self/statm under a global lock at every
        // native allocation (by default at three times its off-heap limit): 12% of a translation
        // epoch's CPU. Off unless asked for; the server's watchdog bounds a trainer's memory instead.
        if (System.getProperty(MAX_PHYSICAL_BYTES) == null) {
            System.setProperty(MAX_PHYSICAL_BYTES, "0");
        }
        return new CommandLine(new SeqplayCommand()).execute(args);
    }
}
