package com.seqplay.run.api;

import com.seqplay.run.service.RunNotFoundException;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.spec.SpecProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns failures into JSON that names the problem: {@code {"error": ..., "field": ...}}. No stack
 * trace ever reaches the client.
 */
@RestControllerAdvice(basePackages = "com.seqplay")
class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(InvalidSpecException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidSpecException e) {
        Map<String, Object> body = body(e.getMessage());
        body.put("field", e.problems().get(0).field());
        body.put("problems", e.problems().stream().map(ApiErrors::problem).toList());
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(RunNotFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(RunNotFoundException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(body(e.getMessage()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class,
        HttpMediaTypeNotSupportedException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return ResponseEntity.badRequest().body(body("The request could not be read: " + e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        if (e instanceof ErrorResponse known) {
            // Spring's own errors (unknown path, wrong method) keep their status.
            return ResponseEntity.status(known.getStatusCode()).body(body(e.getMessage()));
        }
        log.error("API request failed", e);
        return ResponseEntity.internalServerError().body(body("Something went wrong on the server: " + e.getMessage()));
    }

    private static Map<String, Object> body(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", message);
        return m;
    }

    private static Map<String, String> problem(SpecProblem p) {
        return Map.of("field", p.field(), "message", p.message());
    }
}
