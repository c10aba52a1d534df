package com.seqplay.events.sample;

import java.util.List;
import java.util.Objects;

/** The memory probe on a few held-out sequences: each question, the model's answer and the right one. */
public record MemorySample(List<Answer> answers) implements SamplePayload {
    public static final String KIND = "memory";

    public MemorySample {
        answers = List.copyOf(Objects.requireNonNull(answers, "answers"));
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * @param question the sequence shown (symbols, distractors, the query)
     * @param answer the symbol the model named
     * @param expected the first symbol of the sequence
     */
    public record Answer(String question, String answer, String expected) {
        public Answer {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(expected, "expected");
        }

        public boolean correct() {
            return answer.equals(expected);
        }
    }
}
