package com.seqplay.task;

/** The parts of the run page beyond the common ones (losses, gradients, log) that a task needs. */
public enum RunPanel {
    /** Gradient norm by distance back in time (BPTT reach), per epoch. */
    GRADIENT_REACH,
    /** The latest forecast beside the actual values and the baselines. */
    FORECAST,
    /** Sample translations and the attention map of a held-out sentence. */
    TRANSLATIONS,
    /** Generated text per epoch. */
    TEXT_SAMPLES,
    /** Questions of the memory probe and the model's answers. */
    MEMORY_ANSWERS
}
