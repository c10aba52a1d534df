package com.seqplay.engine;

import com.seqplay.events.EventSink;
import com.seqplay.events.TrainerEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves the model after an epoch. It writes a temporary file and renames it, so that a crash or a
 * kill mid-write leaves the previous checkpoint intact instead of a truncated zip.
 */
public final class Checkpoints {
    public static final String MODEL_FILE = "model.zip";

    private Checkpoints() {}

    public static void save(MultiLayerNetwork net, Path runDir, int epoch, EventSink sink) throws IOException {
        write(net, runDir, epoch, sink);
    }

    public static void save(ComputationGraph net, Path runDir, int epoch, EventSink sink) throws IOException {
        write(net, runDir, epoch, sink);
    }

    private static void write(Model net, Path runDir, int epoch, EventSink sink) throws IOException {
        Path tmp = runDir.resolve(MODEL_FILE + ".tmp");
        ModelSerializer.writeModel(net, tmp.toFile(), true);
        Path target = runDir.resolve(MODEL_FILE);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        sink.emit(TrainerEvent.checkpoint(target.toString(), epoch));
    }
}
