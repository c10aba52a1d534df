package com.seqplay.events.sample;

import java.util.List;
import java.util.Objects;

/**
 * The memory probe on a few held-out sequences: the gap it bridges and the model's answer to each.
 *
 * @param distractors L, the filler steps between the symbols and the question
 */
public record MemorySample(int distractors, List<Question> questions) implements SamplePayload {
    public static final String KIND = "memory";

    public MemorySample {
        questions = List.copyOf(Objects.requireNonNull(questions, "questions"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * @param symbols the symbols shown before the distractors (the first one is asked for)
     * @param answer the symbol the model named
     * @param probability the probability the model gave its answer
     * @param truth the first symbol
     */
    public record Question(String symbols, String answer, double probability, String truth) {
        public Question {
            Objects.requireNonNull(symbols, "symbols");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(truth, "truth");
        }

        public boolean correct() {
            return answer.equals(truth);
        }
    }
}
