package com.seqplay.security;

import java.time.Instant;

/** An account as the admin page and {@code /api/users} show it; never its password hash. */
public record UserAccount(String username, Role role, boolean enabled, Instant createdAt) {}
