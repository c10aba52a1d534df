package com.seqplay.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the web guard ({@code seqplay.security.*}).
 *
 * @param allowedHosts host names (without port) this server answers to, besides localhost,
 *     127.0.0.1 and [::1]: the names people type to reach it, such as {@code lab.example.org}.
 *     A request for any other Host is refused, which defeats DNS rebinding.
 * @param contentSecurityPolicy the Content-Security-Policy header of every response; Vaadin needs
 *     inline scripts and styles and {@code eval}, so the policy's strength is in what it forbids
 *     besides: framing, plugins, foreign connections, forms and base URLs elsewhere
 */
@ConfigurationProperties("seqplay.security")
public record SecuritySettings(
        @DefaultValue List<String> allowedHosts,
        @DefaultValue("default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
                + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
                + "connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; form-action 'self'; "
                + "base-uri 'self'; object-src 'none'") String contentSecurityPolicy) {}
