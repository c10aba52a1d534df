package com.seqplay.engine;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/** The model file of a run; {@link EpochLoop} decides when it is written and replaces it atomically. */
public final class Checkpoints {
    public static final String MODEL_FILE = "model.zip";

    private Checkpoints() {}

    /**
     * Writes a network without its optimiser state: everything that reads the model file (decoding,
     * forecasting, inspection, the inference worker) loads the parameters only, and resuming a run
     * reads its resume point, which keeps the optimiser state. Adam's state is twice the parameters,
     * and writing it with them tripled the time of every best-epoch checkpoint.
     */
    public static void write(Model net, Path file) throws IOException {
        ModelSerializer.writeModel(net, file.toFile(), false);
    }
}
