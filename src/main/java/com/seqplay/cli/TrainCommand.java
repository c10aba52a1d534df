package com.seqplay.cli;

import com.seqplay.engine.StopRequest;
import com.seqplay.engine.Trainer;
import com.seqplay.events.ResumeSummary;
import com.seqplay.events.EventCodec;
import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.RunSpec;
import com.seqplay.spec.SpecJson;
import com.seqplay.task.SpecValidator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Trains one run from a specification file. A person sees progress on the terminal; the server
 * starts the same command with {@code --events --watch-parent} and reads JSON lines instead.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train one run from a JSON specification.")
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC.json", description = "the run specification")
    Path specFile;

    @Option(names = "--run-dir", description = "folder for the checkpoint and vocabulary (default: runs/<time>)")
    Path runDir;

    @Option(names = "--dataset-file", description = "the file of an uploaded dataset the specification trains on")
    Path datasetFile;

    @Option(names = "--events", description = "print machine-readable JSON-line events instead of progress")
    boolean events;

    @Option(names = "--watch-parent", description = "stop at once when standard input closes (the parent died);"
            + " a line '" + STOP_LINE + "' on it stops after the current batch, keeping the last resume point")
    boolean watchParent;

    @Option(names = "--resume", description = "continue from the resume point in --run-dir (written after every"
            + " epoch) with the next epoch")
    boolean resume;

    /** What the server writes on our standard input to ask for a stop (it shuts down). */
    static final String STOP_LINE = "stop";
    private final StopRequest stop = new StopRequest();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        EventSink sink = events ? jsonLines(out) : new ConsoleSink(out);
        RunSpec spec;
        try {
            // fields left out are proposed from the dataset file, as the server does for an upload
            spec = SpecValidator.completeAndValidate(SpecJson.parse(Files.readString(specFile, StandardCharsets.UTF_8)),
                    ref -> datasetFile == null ? java.util.Optional.empty() : readDataset());
        } catch (NoSuchFileException e) {
            return refuse(sink, specFile + ": no such file");
        } catch (IOException e) {
            return refuse(sink, specFile + ": " + e.getMessage());
        } catch (InvalidSpecException e) {
            return refuse(sink, specFile + ": " + e.getMessage());
        }
        if (resume && runDir == null) {
            return refuse(sink, "--resume needs --run-dir: the folder whose resume point to continue from");
        }
        if (resume && !Files.isRegularFile(runDir.resolve(ResumeSummary.FILE))) {
            return refuse(sink, runDir + " holds no " + ResumeSummary.FILE + ": the run stopped before its first epoch"
                    + " ended, so there is nothing to resume");
        }
        if (watchParent) {
            watchStandardInput(stop);
        }
        Path dir = runDir != null ? runDir
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try {
            new Trainer(spec, dir, sink, java.util.Optional.ofNullable(datasetFile), resume, stop).run();
            return 0;
        } catch (Throwable e) {
            e.printStackTrace();
            sink.emit(new TrainerEvent.Error(describe(e)));
            return 1;
        }
    }

    private java.util.Optional<com.seqplay.task.UploadedData> readDataset() {
        try {
            return java.util.Optional.of(new com.seqplay.task.UploadedData(datasetFile.getFileName().toString(),
                    Files.readAllBytes(datasetFile)));
        } catch (IOException e) {
            return java.util.Optional.empty(); // the trainer reports the unreadable file
        }
    }

    private static int refuse(EventSink sink, String message) {
        sink.emit(new TrainerEvent.Error(message));
        return 2;
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() != null ? root.getMessage() : "";
        return root.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    private static EventSink jsonLines(PrintStream out) {
        return event -> {
            synchronized (out) {
                out.println(EventCodec.encode(event));
                out.flush();
            }
        };
    }

    /**
     * The server keeps our standard input open; it closes when the server exits or is killed. A
     * trainer whose server is gone must not go on burning the machine, so it halts at once. A server
     * shutting down cleanly first writes {@value #STOP_LINE}: training stops after the current batch
     * and the process ends normally, its last resume point whole.
     */
    private static void watchStandardInput(StopRequest stop) {
        Thread watcher = new Thread(() -> {
            try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (STOP_LINE.equals(line.strip())) {
                        stop.request();
                    }
                }
            } catch (IOException ignored) {
                // a broken pipe means the same as end of stream
            }
            Runtime.getRuntime().halt(143);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
