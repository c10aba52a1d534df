package com.seqplay.spec;

/**
 * Translation with an encoder-decoder.
 *
 * @param builtinSize sentence pairs of a generated built-in dataset
 * @param attention the decoder attends over all encoder outputs instead of one summary vector
 * @param bidirectional the encoder reads the source both ways
 * @param tokens characters or words
 * @param maxVocabulary most frequent tokens kept per side; the rest become unknown
 * @param beamWidth beam search width when translating; 1 is greedy decoding
 */
public record TranslationOptions(
        Integer builtinSize, Boolean attention, Boolean bidirectional, TokenKind tokens, Integer maxVocabulary,
        Integer beamWidth) implements TaskOptions {}
