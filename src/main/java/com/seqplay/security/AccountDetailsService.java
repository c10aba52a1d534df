package com.seqplay.security;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Spring Security's view of the accounts, for the login page and HTTP Basic. An account without a
 * password (the built-in {@code local} user of the default mode) cannot log in; a disabled one is
 * refused. Being a bean, it also stops Spring Boot from inventing a user with a generated password.
 */
@Service
class AccountDetailsService implements UserDetailsService {
    private final UserRepository users;

    AccountDetailsService(UserRepository users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        var stored = users.find(username).filter(s -> s.passwordHash() != null)
                .orElseThrow(() -> new UsernameNotFoundException("no account " + username));
        return User.withUsername(stored.account().username())
                .password(stored.passwordHash())
                .roles(stored.account().role().name())
                .disabled(!stored.account().enabled())
                .build();
    }
}
