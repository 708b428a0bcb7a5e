package io.keyward.command.lookup;

import io.keyward.events.HumanUserDeletedEvent;
import io.keyward.events.HumanUserRegisteredEvent;
import io.keyward.events.KeywardEvent;
import io.keyward.events.PersonalAccessTokenExpiryWarnedEvent;
import io.keyward.events.PersonalAccessTokenIssuedEvent;
import io.keyward.events.PersonalAccessTokenRevocationScheduledEvent;
import io.keyward.events.PersonalAccessTokenRevokedEvent;
import io.keyward.events.ServiceAccountCreatedEvent;
import io.keyward.events.ServiceAccountDeletedEvent;
import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import io.keyward.identity.Usernames;
import io.keyward.pat.PatHasher;
import io.keyward.service.security.CredentialIndex;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How each event changes the command-side lookups, written into a given pair of tables: the live ones (in the
 * command's transaction) or the shadow ones of a rebuild. Every change is idempotent.
 */
public final class LookupTables {

    public static final LookupTables LIVE = new LookupTables("kw_principal", "kw_credential");
    public static final LookupTables SHADOW = new LookupTables("kw_principal_rebuild", "kw_credential_rebuild");

    static final Duration WARN_30_DAYS = Duration.ofDays(30);
    static final Duration WARN_7_DAYS = Duration.ofDays(7);

    private final String principals;
    private final String credentials;

    private LookupTables(String principals, String credentials) {
        this.principals = principals;
        this.credentials = credentials;
    }

    public String principals() {
        return principals;
    }

    public String credentials() {
        return credentials;
    }

    /** Applies {@code event} (any Keyward event; those that do not concern the lookups are ignored). */
    public void apply(JdbcTemplate jdbc, KeywardEvent event) {
        if (event instanceof ServiceAccountCreatedEvent e) {
            insertPrincipal(jdbc, e.userId(), e.tenantId(), e.username(), UserKind.MACHINE, e.roles(), e.occurredAt());
        } else if (event instanceof HumanUserRegisteredEvent e) {
            insertPrincipal(jdbc, e.userId(), e.tenantId(), e.username(), UserKind.HUMAN, e.roles(), e.occurredAt());
        } else if (event instanceof PersonalAccessTokenIssuedEvent e) {
            jdbc.update("INSERT INTO " + credentials + " (token_hash, credential_id, user_id, tenant_id, expires_at, "
                            + "issued_at, warn_30_days_due, warn_7_days_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                            + "ON CONFLICT (credential_id) DO NOTHING",
                    PatHasher.decode(e.tokenHash()), Long.parseLong(e.credentialId()), Long.parseLong(e.userId()),
                    e.tenantId(), timestamp(e.expirationDate()), timestamp(e.occurredAt()),
                    warningDue(e, WARN_30_DAYS), warningDue(e, WARN_7_DAYS));
        } else if (event instanceof PersonalAccessTokenRevocationScheduledEvent e) {
            jdbc.update("UPDATE " + credentials + " SET revoke_at = ? WHERE credential_id = ? AND revoked_at IS NULL",
                    timestamp(e.revokeAt()), Long.parseLong(e.credentialId()));
        } else if (event instanceof PersonalAccessTokenExpiryWarnedEvent e) {
            // Once the 7-day warning is given, a late 30-day one would only confuse: both fall due no more.
            String given = e.daysLeft() <= 7
                    ? "warned_7_days_at = ?, warn_7_days_due = NULL, warn_30_days_due = NULL"
                    : "warned_30_days_at = ?, warn_30_days_due = NULL";
            jdbc.update("UPDATE " + credentials + " SET " + given + " WHERE credential_id = ?",
                    timestamp(e.occurredAt()), Long.parseLong(e.credentialId()));
        } else if (event instanceof PersonalAccessTokenRevokedEvent e) {
            jdbc.update("UPDATE " + credentials + " SET revoked_at = ?, revocation_reason = ? "
                            + "WHERE credential_id = ? AND revoked_at IS NULL",
                    timestamp(e.occurredAt()), e.reason().value(), Long.parseLong(e.credentialId()));
        } else if (event instanceof ServiceAccountDeletedEvent e) {
            jdbc.update("DELETE FROM " + principals + " WHERE user_id = ?", Long.parseLong(e.userId()));
        } else if (event instanceof HumanUserDeletedEvent e) {
            jdbc.update("DELETE FROM " + principals + " WHERE user_id = ?", Long.parseLong(e.userId()));
        }
    }

    /**
     * A username claim. Deliberately without ON CONFLICT: in the live tables, a taken username must fail the
     * command (the unique key rolls its events back).
     */
    private void insertPrincipal(JdbcTemplate jdbc, String userId, String tenantId, String username, UserKind kind,
                                 List<Role> roles, Instant createdAt) {
        jdbc.update("INSERT INTO " + principals + " (user_id, tenant_id, username, username_key, kind, roles, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Long.parseLong(userId), tenantId, username, Usernames.key(username), kind.value(),
                CredentialIndex.formatRoles(roles), timestamp(createdAt));
    }

    /** When the warning {@code before} expiry falls due; null if the PAT was not issued before then. */
    private static Timestamp warningDue(PersonalAccessTokenIssuedEvent issued, Duration before) {
        Instant due = issued.expirationDate().minus(before);
        return issued.occurredAt().isBefore(due) ? timestamp(due) : null;
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
