package com.seqplay.spec;

/** One thing wrong with a specification, naming the field so that a form or a script can point at it. */
public record SpecProblem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
