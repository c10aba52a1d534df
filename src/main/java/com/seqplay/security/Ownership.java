package com.seqplay.security;

import org.springframework.stereotype.Component;

/**
 * Who may change what: everyone sees every run, only its owner or an administrator cancels,
 * deletes, renames or annotates it. The services call this before they change anything, so the
 * UI and the API cannot differ (a hidden button is not a permission). Takes the owner's name
 * rather than a run, so that this package does not depend on the runs'.
 */
@Component
public class Ownership {
    private final CurrentUser currentUser;

    public Ownership(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    public boolean canModify(String owner) {
        return currentUser.isAdmin() || currentUser.username().equals(owner);
    }

    /**
     * @param action what is refused, for the message: "cancel this run"
     * @throws NotPermittedException naming the owner
     */
    public void requireCanModify(String owner, String action) {
        if (!canModify(owner)) {
            throw new NotPermittedException("Only " + owner + " (its owner) or an administrator can " + action + ".");
        }
    }
}
