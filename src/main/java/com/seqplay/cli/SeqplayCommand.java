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

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String[] args) {
        // The engine logs through SLF4J; keep its chatter on stderr, away from the event stream.
        System.setProperty("logback.configurationFile", "logback-trainer.xml");
        return new CommandLine(new SeqplayCommand()).execute(args);
    }
}
