package com.seqplay.engine;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/** The model file of a run; {@link EpochLoop} decides when it is written and replaces it atomically. */
public final class Checkpoints {
    public static final String MODEL_FILE = "model.zip";

    private Checkpoints() {}

    /** Writes a network with its updater state, so training could resume from it. */
    public static void write(Model net, Path file) throws IOException {
        ModelSerializer.writeModel(net, file.toFile(), true);
    }
}
