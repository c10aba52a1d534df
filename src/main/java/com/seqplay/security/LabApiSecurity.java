package com.seqplay.security;

import com.seqplay.web.ErrorResponses;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Lab mode ({@code seqplay.mode=lab}), the REST API's chain: every endpoint but the health check
 * needs an account; stateless, HTTP Basic or a Bearer token on each request; 401 and 403 in the
 * API's JSON error format; account management for administrators only. The web UI has its own
 * chain ({@code com.seqplay.ui.LabWebSecurity}); changes to runs are checked once more in the
 * services ({@link Ownership}).
 */
@Configuration
@ConditionalOnProperty(name = "seqplay.mode", havingValue = Modes.LAB)
class LabApiSecurity {
    private final UserService users;

    LabApiSecurity(UserService users) {
        this.users = users;
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/**")
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET, "/api/health").permitAll()
                        .requestMatchers("/api/users/me/**").authenticated()
                        .requestMatchers("/api/users", "/api/users/**", "/api/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .httpBasic(b -> b.authenticationEntryPoint(unauthorized()))
                .addFilterBefore(new BearerTokenFilter(users), BasicAuthenticationFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // No cookies are read here, so a foreign page cannot borrow a session; the
                // CrossSiteGuard refuses foreign origins besides.
                .csrf(AbstractHttpConfigurer::disable)
                .headers(h -> h.frameOptions(f -> f.disable()).contentTypeOptions(c -> c.disable()))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized()).accessDeniedHandler(forbidden()))
                .build();
    }

    private static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Seqplay\"");
            ErrorResponses.send(request, response, HttpServletResponse.SC_UNAUTHORIZED,
                    "Log in first: send HTTP Basic credentials or an API token (Authorization: Bearer ...).", null);
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> ErrorResponses.send(request, response, HttpServletResponse.SC_FORBIDDEN,
                "Your account may not do this; it needs an administrator.", null);
    }
}
