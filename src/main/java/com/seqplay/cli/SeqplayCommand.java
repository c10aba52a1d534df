package com.seqplay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command-line face of the jar: {@code train} and {@code bench}. */
@Command(name = "seqplay", mixinStandardHelpOptions = true, subcommands = {TrainCommand.class, BenchCommand.class},
        description = "Seqplay: train recurrent sequence models. Without a command, java -jar starts the web app.")
public final class SeqplayCommand {

    public static int execute(String[] args) {
        // The engine logs through SLF4J; keep its chatter on stderr, away from the event stream.
        System.setProperty("logback.configurationFile", "logback-trainer.xml");
        return new CommandLine(new SeqplayCommand()).execute(args);
    }
}
