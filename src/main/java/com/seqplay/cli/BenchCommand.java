package com.seqplay.cli;

import com.seqplay.engine.bench.TrainingBenchmark;
import com.seqplay.spec.CellType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Prints training speed per cell on the reference configuration (see README, "Benchmark"). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training speed (characters per second) of each cell on a character language model.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--cells", split = ",", defaultValue = "rnn,lstm,gru", description = "cells to measure")
    List<String> cells;

    @Option(names = "--vocab", defaultValue = "98") int vocab;
    @Option(names = "--layers", defaultValue = "2") int layers;
    @Option(names = "--hidden", defaultValue = "256") int hidden;
    @Option(names = "--length", defaultValue = "100") int length;
    @Option(names = "--batch", defaultValue = "32") int batch;
    @Option(names = "--warmup", defaultValue = "3") int warmup;
    @Option(names = "--iterations", defaultValue = "10") int iterations;

    @Override
    public Integer call() {
        var config = new TrainingBenchmark.Config(vocab, layers, hidden, length, batch, warmup, iterations);
        List<TrainingBenchmark.Result> results = new ArrayList<>();
        for (String id : cells) {
            CellType cell = CellType.fromId(id.trim()).orElse(null);
            if (cell == null) {
                System.err.println("Unknown cell '" + id + "': use rnn, lstm or gru");
                return 2;
            }
            results.add(TrainingBenchmark.measure(cell, config));
        }
        TrainingBenchmark.print(results, config, System.out);
        return 0;
    }
}
