package io.keyward.command.lookup;

import io.keyward.identity.UserKind;
import io.keyward.identity.Usernames;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the username claims of {@code kw_principal}: who, if anyone, holds a username in a tenant. */
@Component
public class Principals {

    private final JdbcTemplate jdbc;

    public Principals(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The kind of user holding {@code username} in {@code tenantId}, compared case-insensitively. */
    public Optional<UserKind> holderOf(String tenantId, String username) {
        return jdbc.query("SELECT kind FROM kw_principal WHERE tenant_id = ? AND username_key = ?",
                        (rs, row) -> UserKind.of(rs.getString(1)), tenantId, Usernames.key(username))
                .stream().findFirst();
    }
}
