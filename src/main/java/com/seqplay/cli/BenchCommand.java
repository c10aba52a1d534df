package com.seqplay.cli;

import com.seqplay.bench.StepTimeReport;
import com.seqplay.blas.BlasChoice;
import com.seqplay.blas.NativeBlas;
import com.seqplay.engine.Backend;
import com.seqplay.engine.bench.EpochTimer;
import com.seqplay.engine.bench.ForecastingBenchmark;
import com.seqplay.engine.bench.StepTimeBenchmark;
import com.seqplay.engine.bench.ThreadedBenchRunner;
import com.seqplay.engine.bench.TrainingBenchmark;
import com.seqplay.engine.bench.TranslationBenchmark;
import com.seqplay.engine.health.HealthOverhead;
import com.seqplay.spec.CellType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Prints training speed per cell and thread count on the reference configuration, one line per
 * measurement: {@code cell=<rnn|lstm|gru> threads=<n> chars_per_s=<number> blas=<library>}
 * (the format of {@code bench/char_lm.py}, which trains the same model in PyTorch, plus the OpenBLAS
 * it ran on, e.g. {@code blas=system-0.3.21}). Everything else goes to stderr. The OpenBLAS is
 * chosen with {@code --blas} by the rule trainers follow ({@link NativeBlas}); it can only be
 * chosen when a JVM starts, so a measurement whose choice differs from this JVM's runs in a child.
 * {@code --task translation} measures seconds per epoch of the default translation model instead
 * ({@link TranslationBenchmark}; {@code bench/translation.py} is its PyTorch twin).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training speed (characters per second) of each cell on a character language model, "
                + "or with --step-time the time per training step against sequence length.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = {"--cell", "--cells"}, split = ",", defaultValue = "rnn,lstm,gru",
            description = "cells to measure (comma-separated): rnn, lstm, gru")
    List<String> cells;

    @Option(names = "--threads", split = ",", defaultValue = "1",
            description = "native (OpenMP/BLAS) thread counts, comma-separated; each runs in a JVM started with it")
    List<Integer> threads;

    @Option(names = "--blas", defaultValue = "auto", description = "OpenBLAS to measure on: bundled (ND4J's), "
            + "system (the operating system's, bundled if none) or auto (the system's if 0.3.21 or newer), as trainers "
            + "decide with seqplay.trainer.blas; default: ${DEFAULT-VALUE}")
    String blas;

    @Option(names = "--blas-library", description = "with --blas system or auto: this OpenBLAS file instead of "
            + "looking at Debian's usual places")
    Path blasLibrary;

    @Option(names = "--task", description = "translation or forecasting: seconds per epoch of that task's default "
            + "model instead of the character language model")
    String task;

    @Option(names = "--data-out", description = "with --task forecasting: write the generated series (a wide CSV, "
            + "for bench/forecasting.py) to this file and exit")
    Path dataOut;

    @Option(names = "--pairs", defaultValue = "10000", description = "with --task translation: generated pairs")
    int pairs;

    @Option(names = "--epochs", defaultValue = "3",
            description = "with --task translation: epochs to train (the first is not reported)")
    int epochs;

    @Option(names = "--corpus-out", description = "with --task translation: write the pairs and their split "
            + "to this file (for bench/translation.py) and exit")
    Path corpusOut;

    @Option(names = "--vocab", defaultValue = "98") int vocab;
    @Option(names = "--layers", defaultValue = "2") int layers;
    @Option(names = "--hidden", description = "hidden size (default 256; 128 with --step-time)") Integer hidden;
    @Option(names = "--length", defaultValue = "100") int length;
    @Option(names = "--batch", description = "sequences per step (default 32; 16 with --step-time)") Integer batch;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--iterations", defaultValue = "10") int iterations;

    @Option(names = "--health-every", split = ",",
            description = "also measure with the training-health listener attached, measuring one iteration in k "
                    + "(comma-separated k; 0: without it); each line then ends with health_every=<k>")
    List<Integer> healthEvery = new ArrayList<>();

    @Option(names = "--step-time", description = "measure time per training step against sequence length for each "
            + "recurrent cell and a self-attention model instead; prints model=<..> length=<..> ms_per_step=<..>")
    boolean stepTime;

    @Option(names = "--models", split = ",", defaultValue = "rnn,lstm,gru,attention",
            description = "with --step-time: models to measure (rnn, lstm, gru, attention)")
    List<String> models;

    @Option(names = "--lengths", split = ",", defaultValue = "25,50,100,200,400",
            description = "with --step-time: sequence lengths")
    List<Integer> lengths;

    @Option(names = "--timed-steps", defaultValue = "5",
            description = "with --step-time: timed steps per model and length (the fastest is reported)")
    int timedSteps;

    @Option(names = "--out", description = "with --step-time: also write the measurement to this JSON file")
    Path out;

    private BlasChoice blasChoice;
    private NativeBlas.Decision blasDecision;
    private String blasKey;

    @Override
    public Integer call() throws Exception {
        Optional<BlasChoice> choice = BlasChoice.fromId(blas);
        if (choice.isEmpty()) {
            System.err.println("--blas: unknown choice '" + blas + "': use bundled, system or auto");
            return 2;
        }
        blasChoice = choice.get();
        blasDecision = NativeBlas.decide(blasChoice, NativeBlas.candidates(Optional.ofNullable(blasLibrary)));
        if (ForecastingBenchmark.TASK.equals(task)) {
            if (dataOut == null) {
                describeBlas();
            }
            return ForecastingBenchmark.run(threads, epochs, dataOut, new ForecastingBenchmark.Placement(
                    this::measuresHere, blasArgs(), blasDecision::applyTo, this::blasKey), System.out, System.err);
        }
        if (task != null) {
            return translation();
        }
        if (stepTime) {
            return stepTime();
        }
        int batch = this.batch == null ? 32 : this.batch;
        int hidden = this.hidden == null ? 256 : this.hidden;
        List<CellType> cellTypes = new ArrayList<>();
        for (String id : cells) {
            CellType cell = CellType.fromId(id.trim()).orElse(null);
            if (cell == null) {
                System.err.println("--cell: unknown cell '" + id + "': use rnn, lstm or gru");
                return 2;
            }
            cellTypes.add(cell);
        }
        for (int n : threads) {
            if (n < 1) {
                System.err.println("--threads: " + n + " is not a thread count (use 1 or more)");
                return 2;
            }
        }
        var config = new TrainingBenchmark.Config(vocab, layers, hidden, length, batch, warmup, iterations);
        TrainingBenchmark.describe(config, System.err);
        describeBlas();
        for (int n : threads) {
            if (measuresHere(n)) {
                for (CellType cell : cellTypes) {
                    if (healthEvery.isEmpty()) {
                        System.out.println(TrainingBenchmark.measure(cell, config, n).line() + blasKey());
                    }
                    for (int k : healthEvery) {
                        System.out.println(HealthOverhead.measure(cell, config, n, k) + blasKey());
                    }
                    System.out.flush();
                }
            } else {
                int code = ThreadedBenchRunner.runChild(n, childArgs(n, batch, hidden), System.out::println,
                        blasDecision::applyTo);
                if (code != 0) {
                    System.err.println("bench at " + n + " threads failed (exit code " + code + ")");
                    return code;
                }
            }
        }
        return 0;
    }

    private Integer translation() throws Exception {
        if (!task.equals("translation")) {
            System.err.println("--task: unknown task '" + task + "': use translation or forecasting (or leave it out for the "
                    + "character language model)");
            return 2;
        }
        if (pairs < 100 || epochs < 1) {
            System.err.println("--pairs must be at least 100 and --epochs at least 1");
            return 2;
        }
        var config = new TranslationBenchmark.Config(pairs, epochs, 1);
        if (corpusOut != null) {
            TranslationBenchmark.writeCorpus(config, corpusOut);
            return 0;
        }
        TranslationBenchmark.describe(config, System.err);
        describeBlas();
        for (int n : threads) {
            if (n < 1) {
                System.err.println("--threads: " + n + " is not a thread count (use 1 or more)");
                return 2;
            }
            if (measuresHere(n)) {
                for (EpochTimer.Epoch e : TranslationBenchmark.measure(config)) {
                    System.out.println(e.line("translation", n) + blasKey());
                    System.out.flush();
                }
            } else {
                List<String> args = new ArrayList<>(List.of("bench", "--task", "translation", "--threads",
                        String.valueOf(n), "--pairs", "" + pairs, "--epochs", "" + epochs));
                args.addAll(blasArgs());
                int code = ThreadedBenchRunner.runChild(n, args, System.out::println, blasDecision::applyTo);
                if (code != 0) {
                    System.err.println("bench at " + n + " threads failed (exit code " + code + ")");
                    return code;
                }
            }
        }
        return 0;
    }

    private int stepTime() throws IOException {
        for (String model : models) {
            if (!StepTimeBenchmark.knows(model.trim())) {
                System.err.println("--models: unknown model '" + model + "': use rnn, lstm, gru or attention");
                return 2;
            }
        }
        if (timedSteps < 1) {
            System.err.println("--timed-steps: " + timedSteps + " must be 1 or more");
            return 2;
        }
        for (int length : lengths) {
            if (length < 1) {
                System.err.println("--lengths: " + length + " is not a sequence length (use 1 or more)");
                return 2;
            }
        }
        var standard = StepTimeBenchmark.Config.standard();
        var config = new StepTimeBenchmark.Config(lengths, batch == null ? standard.batch() : batch,
                hidden == null ? standard.size() : hidden, standard.inputs(), standard.warmup(), timedSteps);
        System.err.printf("Time per training step: batch %d, width %d, %d one-hot inputs, fastest of %d steps%n",
                config.batch(), config.size(), config.inputs(), config.steps());
        StepTimeReport report = StepTimeBenchmark.measure(models.stream().map(String::trim).toList(), config, p -> {
            System.out.println(StepTimeBenchmark.line(p));
            System.out.flush();
        });
        if (out != null) {
            report.write(out);
            System.err.println("Written to " + out);
        }
        return 0;
    }

    /**
     * True when this JVM runs with the thread count and the OpenBLAS a measurement asks for; a
     * benchmark's own child always measures (its parent set both up), so no chain of children can form.
     */
    private boolean measuresHere(int threads) {
        return ThreadedBenchRunner.isChild()
                || ThreadedBenchRunner.runsWith(threads) && blasDecision.matches(System.getenv(NativeBlas.PRELOAD));
    }

    private void describeBlas() {
        if (!ThreadedBenchRunner.isChild()) {
            System.err.println("OpenBLAS (--blas " + blasChoice.id() + "): " + blasDecision.reason());
        }
    }

    /** " blas=<library>" for the end of a result line: the library this JVM really runs on. */
    private String blasKey() {
        if (blasKey == null) {
            blasKey = " blas=" + Backend.blas().token();
        }
        return blasKey;
    }

    private List<String> blasArgs() {
        List<String> args = new ArrayList<>(List.of("--blas", blasChoice.id()));
        if (blasLibrary != null) {
            args.addAll(List.of("--blas-library", blasLibrary.toString()));
        }
        return args;
    }

    private List<String> childArgs(int n, int batch, int hidden) {
        List<String> args = new ArrayList<>(List.of("bench", "--cell", String.join(",", cells),
                "--threads", String.valueOf(n)));
        args.addAll(List.of("--vocab", "" + vocab, "--layers", "" + layers, "--hidden", "" + hidden,
                "--length", "" + length, "--batch", "" + batch, "--warmup", "" + warmup,
                "--iterations", "" + iterations));
        args.addAll(blasArgs());
        if (!healthEvery.isEmpty()) {
            args.addAll(List.of("--health-every", healthEvery.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(","))));
        }
        return args;
    }
}
