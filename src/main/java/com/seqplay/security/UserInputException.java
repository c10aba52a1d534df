package com.seqplay.security;

/** An account request that cannot be carried out, naming the field at fault (a 400 in the API). */
public class UserInputException extends RuntimeException {
    private final String field;

    public UserInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
