package com.seqplay.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accounts and API tokens in H2 (tables {@code users} and {@code api_tokens}). */
@Repository
class UserRepository {
    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An account with its password hash (null for the built-in {@code local} user, who cannot log in). */
    record Stored(UserAccount account, String passwordHash) {}

    Optional<Stored> find(String username) {
        return jdbc.sql("select * from users where username = ?").param(username).query(this::stored).optional();
    }

    List<UserAccount> list() {
        return jdbc.sql("select * from users order by username").query((rs, n) -> stored(rs, n).account()).list();
    }

    boolean anyAdminWithPassword() {
        return jdbc.sql("select count(*) from users where role = 'ADMIN' and enabled and password_hash is not null")
                .query(Integer.class).single() > 0;
    }

    void insert(String username, String passwordHash, Role role, Instant now) {
        jdbc.sql("insert into users (username, password_hash, role, enabled, created_at) values (?, ?, ?, true, ?)")
                .params(username, passwordHash, role.name(), Timestamp.from(now)).update();
    }

    boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("update users set enabled = ? where username = ?").params(enabled, username).update() == 1;
    }

    boolean setPasswordHash(String username, String hash) {
        return jdbc.sql("update users set password_hash = ? where username = ?").params(hash, username).update() == 1;
    }

    void insertToken(String username, String tokenHash, String label, Instant now) {
        jdbc.sql("insert into api_tokens (username, token_hash, label, created_at) values (?, ?, ?, ?)")
                .params(username, tokenHash, label, Timestamp.from(now)).update();
    }

    /** The enabled account that holds this token, noting its use. */
    Optional<UserAccount> findByToken(String tokenHash, Instant now) {
        var account = jdbc.sql("select u.* from users u join api_tokens t on t.username = u.username"
                + " where t.token_hash = ? and u.enabled").param(tokenHash).query((rs, n) -> stored(rs, n).account()).optional();
        account.ifPresent(a -> jdbc.sql("update api_tokens set last_used = ? where token_hash = ?")
                .params(Timestamp.from(now), tokenHash).update());
        return account;
    }

    int deleteTokens(String username) {
        return jdbc.sql("delete from api_tokens where username = ?").param(username).update();
    }

    private Stored stored(ResultSet rs, int row) throws SQLException {
        Timestamp created = rs.getTimestamp("created_at");
        var account = new UserAccount(rs.getString("username"), Role.valueOf(rs.getString("role")),
                rs.getBoolean("enabled"), created == null ? null : created.toInstant());
        return new Stored(account, rs.getString("password_hash"));
    }
}
