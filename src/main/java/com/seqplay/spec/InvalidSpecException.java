package com.seqplay.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A specification that cannot be trained; the message lists every problem with its field. */
public class InvalidSpecException extends RuntimeException {
    private final List<SpecProblem> problems;

    public InvalidSpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public InvalidSpecException(String field, String message) {
        this(List.of(new SpecProblem(field, message)));
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
