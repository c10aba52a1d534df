package com.seqplay.web;

import com.seqplay.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers an error from a servlet filter, before Spring MVC (and so the API's exception handling)
 * is reached: the API's JSON format ({@code {"error": "...", "field": "..."}}) under {@code /api},
 * a short plain text elsewhere. The filters that guard the server (host, origin, body size,
 * login) use it, so that a refusal reads like every other API error. It sits apart from both
 * the API and security packages, which both use it.
 */
public final class ErrorResponses {
    private static final ObjectMapper JSON = Json.MAPPER;

    private ErrorResponses() {}

    public static void send(HttpServletRequest request, HttpServletResponse response, int status, String message,
            String field) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (isApi(request)) {
            response.setContentType("application/json");
            response.getWriter().write(json(message, field));
        } else {
            response.setContentType("text/plain");
            response.getWriter().write(message + "\n");
        }
        response.flushBuffer();
    }

    /** Requests under {@code /api} (after the context path) are the REST API's. */
    public static boolean isApi(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return path.equals("/api") || path.startsWith("/api/");
    }

    private static String json(String message, String field) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        if (field != null) {
            body.put("field", field);
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an error message always serialises", e);
        }
    }
}
