package com.seqplay.engine.translation;

import java.util.List;

/**
 * What {@link Translator} returns for one sentence.
 *
 * @param text the output as text (character tokens concatenated, word tokens joined by spaces)
 * @param tokens the output tokens; an unknown word is {@code <unk>}
 * @param sourceTokens the input as the model's tokens, one per attention column
 * @param logProbability natural log of the model's probability of the output
 * @param finished whether the model ended the output itself (false: it reached the length limit)
 * @param attention one row per output token, one column per source token, each row summing to 1;
 *     null for a model without attention
 */
public record Translation(String text, List<String> tokens, List<String> sourceTokens, double logProbability,
        boolean finished, double[][] attention) {}
