package com.seqplay.api;

import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.run.inference.InferenceUnavailableException;
import com.seqplay.run.service.ModelNotReadyException;
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
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

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

    /** A malformed upload: the message names the file, the line and the reason. */
    @ExceptionHandler(DatasetFormatException.class)
    ResponseEntity<Map<String, Object>> malformed(DatasetFormatException e) {
        Map<String, Object> body = body(e.getMessage());
        body.put("field", "file");
        if (e.line() > 0) {
            body.put("line", e.line());
        }
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MissingServletRequestPartException.class})
    ResponseEntity<Map<String, Object>> missing(Exception e) {
        String name = e instanceof MissingServletRequestParameterException p ? p.getParameterName()
                : ((MissingServletRequestPartException) e).getRequestPartName();
        Map<String, Object> body = body("'" + name + "' is required");
        body.put("field", name);
        return ResponseEntity.badRequest().body(body);
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(MaxUploadSizeExceededException e) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(body("The file is larger than the upload limit."));
    }

    @ExceptionHandler(ModelNotReadyException.class)
    ResponseEntity<Map<String, Object>> notReady(ModelNotReadyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(body(e.getMessage()));
    }

    @ExceptionHandler(PredictionException.class)
    ResponseEntity<Map<String, Object>> badPrediction(PredictionException e) {
        return ResponseEntity.badRequest().body(body(e.getMessage()));
    }

    /** No answer from the inference worker: a time-out is a 504, anything else a 503. */
    @ExceptionHandler(InferenceUnavailableException.class)
    ResponseEntity<Map<String, Object>> noAnswer(InferenceUnavailableException e) {
        return ResponseEntity.status(e.timedOut() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE)
                .body(body(e.getMessage()));
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
