package com.seqplay.it;

/** Small specifications that train in seconds on the built-in text corpus. */
final class Specs {
    private Specs() {}

    /** A tiny text generation run: a few seconds of training. */
    static String quickTextgen(int epochs) {
        return """
                {"task":"textgen","cell":"lstm","epochs":%d,"builtinSize":8000,"hiddenSize":32,"layers":1,
                 "sequenceLength":50,"batchSize":16,"sampleLength":40}""".formatted(epochs);
    }

    /** A run long enough to still be training when a test interferes with it. */
    static String longTextgen() {
        return """
                {"task":"textgen","cell":"lstm","epochs":200,"builtinSize":20000,"hiddenSize":32,"layers":1,
                 "sequenceLength":50,"batchSize":16,"sampleLength":40}""";
    }
}
