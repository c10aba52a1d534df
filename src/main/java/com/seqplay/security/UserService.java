package com.seqplay.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Accounts of lab mode: adding, disabling and resetting users (administrators only) and each
 * user's API tokens. Passwords are kept as bcrypt hashes; tokens as SHA-256 (they are long and
 * random, so a slow hash buys nothing, and a lookup by hash must be fast).
 */
@Service
public class UserService {
    static final int MIN_PASSWORD = 10;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final CurrentUser currentUser;
    private final Clock clock;

    UserService(UserRepository users, PasswordEncoder encoder, CurrentUser currentUser, Clock clock) {
        this.users = users;
        this.encoder = encoder;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    public List<UserAccount> list() {
        requireAdmin();
        return users.list();
    }

    /** @throws UserInputException naming {@code username}, {@code password} or {@code role} */
    public UserAccount add(String username, String password, Role role) {
        requireAdmin();
        return create(username, password, role);
    }

    /** Without the administrator check: the first administrator is created at start-up. */
    UserAccount create(String username, String password, Role role) {
        String name = username == null ? "" : username.trim();
        if (!NAME.matcher(name).matches()) {
            throw new UserInputException("username", "must be 2-64 characters of a-z, 0-9, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        if (name.equals(CurrentUser.LOCAL) || users.find(name).isPresent()) {
            throw new UserInputException("username", "'" + name + "' is taken");
        }
        if (role == null) {
            throw new UserInputException("role", "must be USER or ADMIN");
        }
        users.insert(name, encoder.encode(checkedPassword(password)), role, clock.instant());
        return users.find(name).orElseThrow().account();
    }

    public void setEnabled(String username, boolean enabled) {
        requireAdmin();
        if (!enabled && username.equals(currentUser.username())) {
            throw new UserInputException("username", "you cannot disable your own account");
        }
        if (!users.setEnabled(username, enabled)) {
            throw new UserInputException("username", "there is no user '" + username + "'");
        }
    }

    /** Sets a new password and withdraws the user's API tokens (a reset is often a leak). */
    public void resetPassword(String username, String password) {
        requireAdmin();
        if (!users.setPasswordHash(username, encoder.encode(checkedPassword(password)))) {
            throw new UserInputException("username", "there is no user '" + username + "'");
        }
        users.deleteTokens(username);
    }

    /** A new API token for the current user; shown this once, only its hash is kept. */
    public String createToken(String label) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = "sqp_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        users.insertToken(currentUser.username(), sha256(token), label, clock.instant());
        return token;
    }

    /** The enabled account holding this token. */
    public Optional<UserAccount> byToken(String token) {
        return users.findByToken(sha256(token), clock.instant());
    }

    private void requireAdmin() {
        if (!currentUser.isAdmin()) {
            throw new NotPermittedException("Only an administrator can manage accounts.");
        }
    }

    private static String checkedPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD) {
            throw new UserInputException("password", "must be at least " + MIN_PASSWORD + " characters");
        }
        return password;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
