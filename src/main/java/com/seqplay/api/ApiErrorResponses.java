package com.seqplay.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers an error from a servlet filter, before Spring MVC (and so {@link ApiErrors}) is reached:
 * the API's JSON format under {@code /api}, a short plain text elsewhere. The filters that guard
 * the server (host, origin, body size, login) use it, so that a refusal reads like every other
 * API error.
 */
public final class ApiErrorResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiErrorResponses() {}

    public static void send(HttpServletRequest request, HttpServletResponse response, int status, String message,
            String field) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (ApiPaths.isApi(request)) {
            response.setContentType("application/json");
            response.getWriter().write(json(ApiError.of(message, field)));
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(message + "\n");
        }
        response.flushBuffer();
    }

    public static boolean isApi(HttpServletRequest request) {
        return ApiPaths.isApi(request);
    }

    private static String json(ApiError error) {
        try {
            return JSON.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error message always serialises", e);
        }
    }
}
