package com.seqplay.api;

import com.seqplay.dataset.DatasetFormatException;
import com.seqplay.engine.inference.PredictionException;
import com.seqplay.run.history.ExperimentNotFoundException;
import com.seqplay.run.history.RunBusyException;
import com.seqplay.run.inference.InferenceUnavailableException;
import com.seqplay.run.service.ModelNotReadyException;
import com.seqplay.run.service.QueueFullException;
import com.seqplay.run.service.RunNotQueuedException;
import com.seqplay.run.service.RunNotFoundException;
import com.seqplay.run.service.RunNotResumableException;
import com.seqplay.run.service.ServerShuttingDownException;
import com.seqplay.security.NotPermittedException;
import com.seqplay.security.UserInputException;
import com.seqplay.spec.InvalidSpecException;
import com.seqplay.upload.service.StorageQuotaExceededException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of an {@code /api} request into an {@link ApiError} with a message in the
 * user's terms. It applies to all handlers, not only this project's controllers, because an
 * oversize upload, an unknown path or a wrong method fail before any controller is chosen. The
 * body is always sent as JSON, whatever the request accepts, so that a client can rely on it.
 * Failures that never reach Spring MVC go to the error page: see {@link ApiErrorController}.
 */
@RestControllerAdvice
class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    private final ObjectProvider<MultipartProperties> multipart;

    ApiErrors(ObjectProvider<MultipartProperties> multipart) {
        this.multipart = multipart;
    }

    @ExceptionHandler(InvalidSpecException.class)
    ResponseEntity<ApiError> invalid(InvalidSpecException e) {
        var error = new ApiError(e.getMessage(), e.problems().get(0).field(), null, e.problems());
        return respond(HttpStatus.BAD_REQUEST, error);
    }

    /** A malformed upload: the message names the file, the line and the reason. */
    @ExceptionHandler(DatasetFormatException.class)
    ResponseEntity<ApiError> malformed(DatasetFormatException e) {
        return respond(HttpStatus.BAD_REQUEST, new ApiError(e.getMessage(), "file", e.line() > 0 ? e.line() : null, null));
    }

    @ExceptionHandler(ModelNotReadyException.class)
    ResponseEntity<ApiError> notReady(ModelNotReadyException e) {
        return respond(HttpStatus.CONFLICT, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(PredictionException.class)
    ResponseEntity<ApiError> badPrediction(PredictionException e) {
        return respond(HttpStatus.BAD_REQUEST, ApiError.of(e.getMessage()));
    }

    /** No answer from the inference worker: a time-out is a 504, anything else a 503. */
    @ExceptionHandler(InferenceUnavailableException.class)
    ResponseEntity<ApiError> noAnswer(InferenceUnavailableException e) {
        return respond(e.timedOut() ? HttpStatus.GATEWAY_TIMEOUT : HttpStatus.SERVICE_UNAVAILABLE,
                ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(RunBusyException.class)
    ResponseEntity<ApiError> busy(RunBusyException e) {
        return respond(HttpStatus.CONFLICT, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(ExperimentNotFoundException.class)
    ResponseEntity<ApiError> noExperiment(ExperimentNotFoundException e) {
        return respond(HttpStatus.NOT_FOUND, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(RunNotQueuedException.class)
    ResponseEntity<ApiError> notQueued(RunNotQueuedException e) {
        return respond(HttpStatus.CONFLICT, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(RunNotResumableException.class)
    ResponseEntity<ApiError> notResumable(RunNotResumableException e) {
        return respond(HttpStatus.CONFLICT, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(ServerShuttingDownException.class)
    ResponseEntity<ApiError> shuttingDown(ServerShuttingDownException e) {
        return respond(HttpStatus.SERVICE_UNAVAILABLE, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(QueueFullException.class)
    ResponseEntity<ApiError> queueFull(QueueFullException e) {
        return respond(HttpStatus.TOO_MANY_REQUESTS, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(NotPermittedException.class)
    ResponseEntity<ApiError> notPermitted(NotPermittedException e) {
        return respond(HttpStatus.FORBIDDEN, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(UserInputException.class)
    ResponseEntity<ApiError> badAccount(UserInputException e) {
        return respond(HttpStatus.BAD_REQUEST, ApiError.of(e.getMessage(), e.field()));
    }

    @ExceptionHandler(StorageQuotaExceededException.class)
    ResponseEntity<ApiError> overQuota(StorageQuotaExceededException e) {
        return respond(HttpStatus.PAYLOAD_TOO_LARGE, ApiError.of(e.getMessage(), "file"));
    }

    @ExceptionHandler(com.seqplay.upload.service.DatasetNotFoundException.class)
    ResponseEntity<ApiError> datasetNotFound(RuntimeException e) {
        return respond(HttpStatus.NOT_FOUND, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(com.seqplay.upload.service.DatasetInUseException.class)
    ResponseEntity<ApiError> datasetInUse(RuntimeException e) {
        return respond(HttpStatus.CONFLICT, ApiError.of(e.getMessage()));
    }

    @ExceptionHandler(RunNotFoundException.class)
    ResponseEntity<ApiError> notFound(RunNotFoundException e) {
        return respond(HttpStatus.NOT_FOUND, ApiError.of(e.getMessage()));
    }

    /**
     * Everything else: Spring's own request errors keep their status with a message written here
     * (theirs name Java types and method signatures); anything unexpected is a 500 whose cause
     * goes to the log only, since it can hold SQL or file paths. Outside {@code /api} the
     * exception is passed on unchanged to Spring's usual handling.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> other(Exception e, HttpServletRequest request) throws Exception {
        if (!ApiPaths.isApi(request)) {
            throw e;
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return respond(HttpStatus.PAYLOAD_TOO_LARGE, ApiError.of("The upload is larger than " + uploadLimit() + ".",
                    "file"));
        }
        if (e instanceof MultipartException) {
            return respond(HttpStatus.BAD_REQUEST, ApiError.of("The upload could not be read as multipart/form-data.",
                    "file"));
        }
        if (e instanceof MethodArgumentTypeMismatchException m) {
            return respond(HttpStatus.BAD_REQUEST, ApiError.of(m.getName() + ": '" + m.getValue() + "' is not "
                    + (isWholeNumber(m.getRequiredType()) ? "a whole number" : "valid here"), m.getName()));
        }
        if (e instanceof HttpMessageNotReadableException && e.getCause() instanceof BodyTooLargeException tooLarge) {
            return respond(HttpStatus.PAYLOAD_TOO_LARGE,
                    ApiError.of(RequestBodyLimit.message(DataSize.ofBytes(tooLarge.limit())), "body"));
        }
        if (e instanceof HttpMessageNotReadableException) {
            // Spring's message quotes the handler method's signature.
            return respond(HttpStatus.BAD_REQUEST, ApiError.of("The request body could not be read.", "body"));
        }
        if (e instanceof ErrorResponse known) {
            var response = ResponseEntity.status(known.getStatusCode()).headers(allowHeader(known.getHeaders()));
            return response.contentType(MediaType.APPLICATION_JSON).body(describe(e, known.getStatusCode(), request));
        }
        log.error("API request {} {} failed", request.getMethod(), ApiPaths.requested(request), e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of(ApiErrorController.SERVER_FAULT));
    }

    private ApiError describe(Exception e, HttpStatusCode status, HttpServletRequest request) {
        if (e instanceof MissingServletRequestParameterException m) {
            return ApiError.of(m.getParameterName() + ": is required", m.getParameterName());
        }
        if (e instanceof MissingServletRequestPartException m) {
            return ApiError.of(m.getRequestPartName() + ": is required", m.getRequestPartName());
        }
        if (e instanceof HttpMediaTypeNotSupportedException m) {
            String sent = m.getContentType() == null ? "no Content-Type" : m.getContentType().toString();
            return ApiError.of("The request body must be " + types(m.getSupportedMediaTypes()) + ", not " + sent + ".",
                    "body");
        }
        if (e instanceof HttpMediaTypeNotAcceptableException m) {
            return ApiError.of("This endpoint answers " + types(m.getSupportedMediaTypes())
                    + ", which the request's Accept header does not allow.");
        }
        if (e instanceof HttpRequestMethodNotSupportedException m) {
            String allowed = m.getSupportedHttpMethods() == null ? "none"
                    : m.getSupportedHttpMethods().stream().map(Object::toString).collect(Collectors.joining(", "));
            return ApiError.of(m.getMethod() + " is not allowed on " + ApiPaths.requested(request) + "; it accepts "
                    + allowed + ".");
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return ApiError.of(ApiErrorController.noEndpoint(request.getMethod(), ApiPaths.requested(request)));
        }
        return ApiError.of(ApiErrorController.plain(status.value()));
    }

    /** Keeps only the Allow header of a 405: the other headers Spring's exceptions carry are not for the client. */
    private static HttpHeaders allowHeader(HttpHeaders headers) {
        var out = new HttpHeaders();
        if (headers.getAllow() != null && !headers.getAllow().isEmpty()) {
            out.setAllow(headers.getAllow());
        }
        return out;
    }

    private static boolean isWholeNumber(Class<?> type) {
        return type == long.class || type == int.class || type == Long.class || type == Integer.class;
    }

    /** The smaller of the file and request limits (a negative one means none). */
    private String uploadLimit() {
        MultipartProperties p = multipart.getIfAvailable();
        if (p == null) {
            return "the upload limit";
        }
        long file = p.getMaxFileSize().toBytes();
        long request = p.getMaxRequestSize().toBytes();
        DataSize limit = request < 0 || (file >= 0 && file <= request) ? p.getMaxFileSize() : p.getMaxRequestSize();
        return limit.toBytes() < 0 ? "the upload limit" : "the limit of " + readable(limit);
    }

    static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }

    private static String types(Collection<MediaType> types) {
        return types.isEmpty() ? "another type"
                : types.stream().map(MediaType::toString).collect(Collectors.joining(" or "));
    }

    static ResponseEntity<ApiError> respond(HttpStatusCode status, ApiError error) {
        // A preset Content-Type makes Spring write JSON even if the request's Accept header asks otherwise.
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
    }
}
