package com.seqplay;

import com.seqplay.cli.SeqplayCommand;
import com.seqplay.run.history.HistoryBenchCommand;
import java.util.Arrays;
import picocli.CommandLine;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.theme.Theme;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One jar, two roles: without a command it is the web application (control plane); with
 * {@code train} or {@code bench} it runs the engine in the foreground, which is also how the
 * server starts each trainer process. The command path never starts Spring.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Push
@Theme("seqplay")
public class SeqplayApplication implements AppShellConfigurator {
    private static final Set<String> COMMANDS = Set.of("train", "bench", "infer-worker", "help", "--help");

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("history-bench")) {
            // Library logs go to stderr as for the other commands, away from the printed figures.
            System.setProperty("logback.configurationFile", "logback-trainer.xml");
            System.exit(new CommandLine(new HistoryBenchCommand()).execute(Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && COMMANDS.contains(args[0])) {
            System.exit(SeqplayCommand.execute(args));
        }
        SpringApplication.run(SeqplayApplication.class, args);
    }
}
