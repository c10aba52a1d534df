package com.seqplay.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The login-free default: one person on their own machine, so every route is open to them and
 * there is nothing to log into. Cross-site requests and foreign hosts are still refused, by the
 * {@link CrossSiteGuard} in front of this chain; Vaadin keeps its own CSRF token. Vaadin's view
 * access control stays off in this mode (its default without lab mode), so the
 * {@code @PermitAll} of the views, which lab mode reads, asks for no login here.
 */
@Configuration
@ConditionalOnProperty(name = "seqplay.mode", havingValue = Modes.LOCAL, matchIfMissing = true)
class LocalSecurityConfig {
    @Bean
    SecurityFilterChain localChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .headers(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .build();
    }
}
