package com.seqplay.security;

import com.seqplay.web.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Logs an API request in by its {@code Authorization: Bearer <token>} header (a per-user token
 * from the account page or {@code POST /api/users/me/tokens}). A token that matches no enabled
 * account is a 401 at once, rather than an anonymous request that fails later with a vaguer message.
 * Not a bean: Spring Boot would otherwise also run it for every request outside the API chain.
 */
public final class BearerTokenFilter extends OncePerRequestFilter {
    private static final String PREFIX = "Bearer ";
    private final UserService users;

    BearerTokenFilter(UserService users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            chain.doFilter(request, response);
            return;
        }
        var account = users.byToken(header.substring(PREFIX.length()).trim());
        if (account.isEmpty()) {
            ErrorResponses.send(request, response, HttpServletResponse.SC_UNAUTHORIZED,
                    "The API token is not valid (unknown, withdrawn, or its account is disabled).", null);
            return;
        }
        var auth = UsernamePasswordAuthenticationToken.authenticated(account.get().username(), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + account.get().role().name())));
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
