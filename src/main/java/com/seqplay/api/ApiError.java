package com.seqplay.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.seqplay.spec.SpecProblem;
import java.util.List;

/**
 * The one body of every error the API answers: {@code {"error": "...", "field": "..."}}, plus the
 * line of an uploaded file and the list of problems of a specification where they apply. The
 * message is written for the person who sent the request, never a class name, SQL or stack trace.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiError(String error, String field, Integer line, List<SpecProblem> problems) {

    static ApiError of(String message) {
        return new ApiError(message, null, null, null);
    }

    static ApiError of(String message, String field) {
        return new ApiError(message, field, null, null);
    }
}
