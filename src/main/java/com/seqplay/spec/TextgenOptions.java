package com.seqplay.spec;

/**
 * Text generation: a character language model.
 *
 * @param builtinSize characters of a generated built-in corpus
 * @param reach how far back a built-in corpus makes the model look (agreement: words between
 *     subject and verb; brackets: maximum depth)
 * @param sequenceLength characters in one training sequence
 * @param bpttLength truncated backpropagation-through-time length; equal to the sequence length
 *     means full BPTT
 * @param sampleLength characters generated for each epoch's sample
 * @param temperature sampling temperature: below 1 sharper, above 1 flatter
 * @param topK sample only among the k likeliest characters; 0 is all
 */
public record TextgenOptions(
        Integer builtinSize, Integer reach, Integer sequenceLength, Integer bpttLength, Integer sampleLength,
        Double temperature, Integer topK) implements TaskOptions {}
