package com.seqplay.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.json.MappingJackson2JsonView;

/**
 * Spring Boot's error page, which the container shows for failures that never reached a
 * controller (a filter, the container itself, an error answered with {@code sendError}). For an
 * {@code /api} request it answers the API's {@link ApiError} JSON, also to a browser that asks for
 * HTML; for the web UI it stays Spring Boot's own page.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ApiErrorController extends BasicErrorController {
    static final String SERVER_FAULT = "Something went wrong on the server; the details are in its log.";
    private static final TypeReference<Map<String, Object>> AS_MAP = new TypeReference<>() {};
    private final ObjectMapper json;

    ApiErrorController(ErrorAttributes errorAttributes, ServerProperties server,
            ObjectProvider<ErrorViewResolver> viewResolvers, ObjectMapper json) {
        super(errorAttributes, server.getError(), viewResolvers.orderedStream().toList());
        this.json = json;
    }

    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (!ApiPaths.isApi(request)) {
            return super.errorHtml(request, response);
        }
        var view = new MappingJackson2JsonView(json);
        var answer = new ModelAndView(view, body(request));
        answer.setStatus(getStatus(request));
        return answer;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        if (!ApiPaths.isApi(request)) {
            return super.error(request);
        }
        return ResponseEntity.status(getStatus(request)).contentType(MediaType.APPLICATION_JSON).body(body(request));
    }

    private Map<String, Object> body(HttpServletRequest request) {
        int status = getStatus(request).value();
        String message = status == HttpStatus.NOT_FOUND.value()
                ? noEndpoint(request.getMethod(), ApiPaths.requested(request)) : plain(status);
        return json.convertValue(ApiError.of(message), AS_MAP);
    }

    static String noEndpoint(String method, String path) {
        return "There is no API endpoint " + method + " " + path + ".";
    }

    /** A message for a status alone, when nothing more specific is known; never the cause's own text. */
    static String plain(int status) {
        return switch (status) {
            case 400 -> "The request could not be read.";
            case 401 -> "Log in first: send HTTP Basic credentials or an API token (Authorization: Bearer ...).";
            case 403 -> "Your account may not do this.";
            case 405 -> "This path does not accept the request's method.";
            case 406 -> "This endpoint cannot answer in a type that the request's Accept header allows.";
            case 409 -> "The request conflicts with the current state of the resource.";
            case 413 -> "The request is larger than the server accepts.";
            case 415 -> "This endpoint does not accept the request body's Content-Type.";
            case 500 -> SERVER_FAULT;
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield known != null ? known.getReasonPhrase() + "." : "The request failed (status " + status + ").";
            }
        };
    }
}
