package com.seqplay.security;

import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Makes sure lab mode starts with an administrator who can log in: creates
 * {@code seqplay.admin.username} with the configured password if no such account exists, and
 * refuses to start when there is neither an administrator with a password nor a password to
 * create one with. There is never a default password. An existing account is left as it is (its
 * password may have been changed since); the admin page resets passwords.
 */
@Component
@ConditionalOnProperty(name = "seqplay.mode", havingValue = Modes.LAB)
class LabAdminBootstrap {
    private static final Logger log = LoggerFactory.getLogger(LabAdminBootstrap.class);
    private final AdminProperties admin;
    private final UserRepository users;
    private final UserService service;

    LabAdminBootstrap(AdminProperties admin, UserRepository users, UserService service) {
        this.admin = admin;
        this.users = users;
        this.service = service;
    }

    @PostConstruct
    void ensureAdministrator() {
        boolean configured = admin.password() != null && !admin.password().isEmpty();
        if (users.find(admin.username()).isPresent() || (!configured && users.anyAdminWithPassword())) {
            return;
        }
        if (!configured) {
            throw new LabSetupException("Lab mode needs an administrator, and there is none yet: no password was given"
                    + " for the first one ('" + admin.username() + "').",
                    "Set the environment variable SEQPLAY_ADMIN_PASSWORD (or --seqplay.admin.password) to a password of"
                    + " at least " + UserService.MIN_PASSWORD + " characters for the first start; the account is then"
                    + " kept in the database. There is no default password.");
        }
        try {
            service.create(admin.username(), admin.password(), Role.ADMIN);
        } catch (UserInputException e) {
            throw new LabSetupException("The first administrator cannot be created: seqplay.admin." + e.field() + " "
                    + e.getMessage() + ".", "Fix seqplay.admin." + e.field() + " (or SEQPLAY_ADMIN_"
                    + e.field().toUpperCase() + ") and start again.");
        }
        log.info("Lab mode: created the administrator '{}'", admin.username());
    }
}
