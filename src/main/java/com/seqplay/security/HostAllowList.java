package com.seqplay.security;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host names this server answers to. A web page that makes its own domain resolve to
 * 127.0.0.1 (DNS rebinding) reaches the server with its own name in the Host header, so
 * comparing that name with a fixed list is what keeps such a page out.
 */
public final class HostAllowList {
    static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");
    private final Set<String> names = new LinkedHashSet<>(LOOPBACK);

    public HostAllowList(Iterable<String> configured) {
        for (String name : configured) {
            if (name != null && !name.isBlank()) {
                names.add(normalise(name.trim()));
            }
        }
    }

    /** Whether a Host header ({@code name} or {@code name:port}) names this server. */
    public boolean allows(String hostHeader) {
        return hostName(hostHeader).map(names::contains).orElse(false);
    }

    public Set<String> names() {
        return Set.copyOf(names);
    }

    /** The name part of a Host header, lower case; IPv6 literals keep their brackets. */
    static Optional<String> hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return Optional.empty();
        }
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? Optional.empty() : Optional.of(h.substring(0, end + 1));
        }
        int colon = h.indexOf(':');
        return Optional.of(colon < 0 ? h : h.substring(0, colon));
    }

    private static String normalise(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        // A bare IPv6 literal in the settings is written the way it appears in a Host header.
        return n.contains(":") && !n.startsWith("[") ? "[" + n + "]" : n;
    }
}
