package com.seqplay.security;

import org.springframework.stereotype.Component;

/**
 * Who is acting. In the embedded default one person uses the app on their own machine and is
 * always {@code local}; lab mode (accounts) will answer from the authenticated session instead.
 * Every run records its owner from here, so history is per person from the start.
 */
@Component
public class CurrentUser {
    public static final String LOCAL = "local";

    public String username() {
        return LOCAL;
    }
}
