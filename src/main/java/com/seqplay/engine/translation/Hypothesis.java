package com.seqplay.engine.translation;

/**
 * One candidate output of the decoder.
 *
 * @param tokens the output token ids, without &lt;/s&gt;
 * @param logProbability natural log of the model's probability of these tokens (and of &lt;/s&gt;
 *     after them when {@code finished})
 * @param finished whether the decoder ended it with &lt;/s&gt; (otherwise it hit the length limit)
 */
record Hypothesis(int[] tokens, double logProbability, boolean finished) {
    Hypothesis extend(int token, double logP) {
        if (token == Vocabulary.EOS_ID) {
            return new Hypothesis(tokens, logProbability + logP, true);
        }
        int[] longer = java.util.Arrays.copyOf(tokens, tokens.length + 1);
        longer[tokens.length] = token;
        return new Hypothesis(longer, logProbability + logP, false);
    }
}
