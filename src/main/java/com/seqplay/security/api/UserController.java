package com.seqplay.security.api;

import com.seqplay.security.Modes;
import com.seqplay.security.Role;
import com.seqplay.security.UserAccount;
import com.seqplay.security.UserInputException;
import com.seqplay.security.UserService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Accounts over the API, in lab mode only (the default mode has no accounts, so these paths do
 * not exist there): administrators list and add users; every user creates API tokens for
 * themselves. Who may call what is declared in the API's security chain and checked again in
 * {@link UserService}.
 */
@RestController
@RequestMapping("/api/users")
@ConditionalOnProperty(name = "seqplay.mode", havingValue = Modes.LAB)
class UserController {
    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    record NewUser(String username, String password, String role) {}

    record TokenRequest(String label) {}

    @GetMapping
    List<UserAccount> list() {
        return users.list();
    }

    /** {@code {"username": "ada", "password": "...", "role": "USER"}}; the role may be left out (USER). */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    UserAccount add(@RequestBody(required = false) NewUser body) {
        if (body == null) {
            throw new UserInputException("username", "is required");
        }
        return users.add(body.username(), body.password(), role(body.role()));
    }

    /** A new token for the caller, shown once: {@code {"token": "sqp_..."}}. */
    @PostMapping("/me/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> token(@RequestBody(required = false) TokenRequest body) {
        return Map.of("token", users.createToken(body == null ? null : body.label()));
    }

    private static Role role(String role) {
        if (role == null || role.isBlank()) {
            return Role.USER;
        }
        try {
            return Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserInputException("role", "must be USER or ADMIN, not '" + role + "'");
        }
    }
}
