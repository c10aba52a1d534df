package com.seqplay.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/** Which requests are the REST API's: those under {@code /api}; the rest belongs to the web UI. */
final class ApiPaths {
    static final String PREFIX = "/api";

    private ApiPaths() {}

    /** The path the client asked for, also while the container forwards a failed request to the error page. */
    static String requested(HttpServletRequest request) {
        Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = original instanceof String s ? s : request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    static boolean isApi(HttpServletRequest request) {
        String path = requested(request);
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }
}
