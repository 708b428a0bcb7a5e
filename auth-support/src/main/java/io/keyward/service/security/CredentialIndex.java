package io.keyward.service.security;

import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import io.keyward.pat.PatHasher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the command-side credential index ({@code kw_credential} joined with {@code kw_principal}) in PostgreSQL.
 * Both services and the gateway authenticate against it, so a revocation committed by the command-service is seen
 * by every instance of every process on its next request: revocation is immediate.
 */
public class CredentialIndex implements CredentialLookup {

    private static final String FIND_BY_HASH = """
            SELECT c.token_hash, c.credential_id, c.user_id, c.tenant_id, c.issued_at, c.expires_at, c.revoked_at, c.revocation_reason, c.revoke_at,
                   p.username, p.kind, p.roles
              FROM kw_credential c
              LEFT JOIN kw_principal p ON p.user_id = c.user_id
             WHERE c.token_hash = ?""";

    private final JdbcTemplate jdbc;

    public CredentialIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The credential stored under {@code tokenHash}. The index finds the row; the stored hash is then compared with
     * the presented one in constant time, so that no answer depends on how much of a hash matched.
     */
    @Override
    public Optional<StoredCredential> findByHash(byte[] tokenHash) {
        List<Found> rows = jdbc.query(FIND_BY_HASH, (rs, row) -> new Found(rs.getBytes("token_hash"), map(rs, row)),
                (Object) tokenHash);
        return rows.stream().filter(found -> PatHasher.matches(found.hash(), tokenHash)).map(Found::credential)
                .findFirst();
    }

    private record Found(byte[] hash, StoredCredential credential) {
    }

    private static StoredCredential map(ResultSet rs, int row) throws SQLException {
        String kind = rs.getString("kind");
        return new StoredCredential(
                rs.getLong("credential_id"),
                rs.getLong("user_id"),
                rs.getString("tenant_id"),
                rs.getTimestamp("issued_at").toInstant(),
                rs.getTimestamp("expires_at").toInstant(),
                toInstant(rs.getTimestamp("revoked_at")),
                rs.getString("revocation_reason"),
                toInstant(rs.getTimestamp("revoke_at")),
                rs.getString("username"),
                kind == null ? null : UserKind.of(kind),
                parseRoles(rs.getString("roles")));
    }

    private static java.time.Instant toInstant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Roles are stored as a comma-separated list of role values. */
    public static Set<Role> parseRoles(String roles) {
        if (roles == null || roles.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(roles.split(",")).map(Role::of).collect(Collectors.toUnmodifiableSet());
    }

    public static String formatRoles(java.util.Collection<Role> roles) {
        return roles.stream().map(Role::value).sorted().collect(Collectors.joining(","));
    }
}
