package com.seqplay.security;

import com.seqplay.config.SeqplayProperties;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is acting. In the embedded default one person uses the app on their own machine and is
 * always {@code local}, with every right; in lab mode it is the logged-in user (a page, HTTP
 * Basic or an API token). Every run records its owner from here.
 */
@Component
public class CurrentUser {
    public static final String LOCAL = "local";
    /** Never an account name (names are checked in {@link UserService}); only seen if a lab request slipped past login. */
    static final String NOBODY = "anonymous";
    private final boolean lab;

    public CurrentUser(SeqplayProperties properties) {
        this.lab = Modes.isLab(properties);
    }

    public String username() {
        if (!lab) {
            return LOCAL;
        }
        Authentication auth = authentication();
        return auth == null ? NOBODY : auth.getName();
    }

    /** The local user always; in lab mode an account with the role ADMIN. */
    public boolean isAdmin() {
        if (!lab) {
            return true;
        }
        Authentication auth = authentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_ADMIN"));
    }

    public boolean isLab() {
        return lab;
    }

    private static Authentication authentication() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated() ? null : auth;
    }
}
