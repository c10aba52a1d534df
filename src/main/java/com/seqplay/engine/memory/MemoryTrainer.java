package com.seqplay.engine.memory;

import com.seqplay.engine.TaskTrainer;
import com.seqplay.engine.TrainingContext;

/** The memory probe's trainer: being written; refuses clearly until then. */
public final class MemoryTrainer implements TaskTrainer {
    @Override
    public void train(TrainingContext context) {
        throw new UnsupportedOperationException("the memory probe's trainer is not built yet");
    }
}
