package com.seqplay.spec;

/**
 * The memory probe: a few symbols, then {@code distractors} filler steps, then the model must
 * name the first symbol. Where a cell's accuracy falls to chance as the gap grows shows how far
 * back it can remember.
 *
 * @param distractors L, the number of filler steps between the symbols and the question
 * @param alphabet how many different symbols can come first (chance is 1 / alphabet)
 * @param sequences how many sequences are generated (split into training, validation and test)
 * @param symbols how many symbols are shown before the distractors (the first one is asked for)
 */
public record MemoryOptions(Integer distractors, Integer alphabet, Integer sequences, Integer symbols)
        implements TaskOptions {}
