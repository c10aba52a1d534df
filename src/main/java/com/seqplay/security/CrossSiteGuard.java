package com.seqplay.security;

import com.seqplay.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps other web sites from driving this server through the visitor's browser, in every mode
 * (the login-free default most of all, where the browser needs no credentials to do harm):
 * <ul>
 * <li>a request whose Host is not one of this server's names is refused (DNS rebinding);</li>
 * <li>a state-changing request (anything but GET, HEAD, OPTIONS, TRACE) that a browser marks as
 * coming from another origin is refused: its {@code Origin} (or, without one, its
 * {@code Referer}) must name exactly the host and port the request was sent to, and
 * {@code Sec-Fetch-Site} must not say cross-site or same-site. A script that sends none of
 * these headers is not a browser acting for a foreign page and stays allowed;</li>
 * <li>every response carries the headers that forbid framing, MIME sniffing and leaking the
 * address, with a content security policy.</li>
 * </ul>
 * Vaadin's own CSRF token stays on for the UI; this check adds the same protection to the REST
 * API, whose scripts have no token to send.
 */
public final class CrossSiteGuard extends OncePerRequestFilter {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private final HostAllowList hosts;
    private final String contentSecurityPolicy;

    public CrossSiteGuard(HostAllowList hosts, String contentSecurityPolicy) {
        this.hosts = hosts;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        addHeaders(response);
        String host = request.getHeader("Host");
        if (!hosts.allows(host)) {
            ErrorResponses.send(request, response, HttpServletResponse.SC_FORBIDDEN, "This server does not answer to"
                    + " the host name '" + HostAllowList.hostName(host).orElse("") + "'; its administrator can add the"
                    + " name to seqplay.security.allowed-hosts.", null);
            return;
        }
        if (!SAFE_METHODS.contains(request.getMethod().toUpperCase(Locale.ROOT))) {
            Optional<String> foreign = foreignSource(request, host);
            if (foreign.isPresent()) {
                ErrorResponses.send(request, response, HttpServletResponse.SC_FORBIDDEN, "Cross-site request refused:"
                        + " it was sent by a page of " + foreign.get() + ", not by this server's own pages. Scripts"
                        + " may leave out the Origin header.", null);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The foreign origin a browser says the request came from; empty when it came from here or from a script. */
    static Optional<String> foreignSource(HttpServletRequest request, String host) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        if (fetchSite != null && (fetchSite.equalsIgnoreCase("cross-site") || fetchSite.equalsIgnoreCase("same-site"))) {
            return Optional.of(origin != null ? origin : "another site");
        }
        if (origin != null) {
            return sameAuthority(origin, host) ? Optional.empty() : Optional.of(origin);
        }
        String referer = request.getHeader("Referer");
        if (referer != null) {
            return sameAuthority(referer, host) ? Optional.empty() : Optional.of(authority(referer).orElse(referer));
        }
        return Optional.empty();
    }

    /** Whether a URL's host and port are those the request was sent to ("null" origins never are). */
    static boolean sameAuthority(String url, String host) {
        return authority(url).map(a -> a.equals(withoutDefaultPort(host.toLowerCase(Locale.ROOT), null)))
                .orElse(false);
    }

    private static Optional<String> authority(String url) {
        try {
            URI uri = URI.create(url.trim());
            if (uri.getRawAuthority() == null || uri.getScheme() == null) {
                return Optional.empty();
            }
            return Optional.of(withoutDefaultPort(uri.getRawAuthority().toLowerCase(Locale.ROOT),
                    uri.getScheme().toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Browsers leave out :80 and :443 in an Origin; a Host header may carry them. */
    private static String withoutDefaultPort(String authority, String scheme) {
        if (authority.endsWith(":443") && !"http".equals(scheme)) {
            return authority.substring(0, authority.length() - 4);
        }
        if (authority.endsWith(":80") && !"https".equals(scheme)) {
            return authority.substring(0, authority.length() - 3);
        }
        return authority;
    }

    private void addHeaders(HttpServletResponse response) {
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }
}
