package io.keyward.command.lookup;

import io.keyward.events.HumanUserDeletedEvent;
import io.keyward.events.HumanUserRegisteredEvent;
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
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the command-side lookups ({@code kw_principal}, {@code kw_credential}) in step with the events, in the same
 * transaction as the events: a subscribing processor whose errors propagate, so a duplicate username rolls the
 * command back instead of being logged and lost.
 */
@Component
@ProcessingGroup(IdentityLookups.GROUP)
public class IdentityLookups {

    public static final String GROUP = "identity-lookups";

    private final JdbcTemplate jdbc;

    public IdentityLookups(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ServiceAccountCreatedEvent event) {
        insertPrincipal(event.userId(), event.tenantId(), event.username(), UserKind.MACHINE, event.roles(),
                event.occurredAt());
    }

    @EventHandler
    void on(HumanUserRegisteredEvent event) {
        insertPrincipal(event.userId(), event.tenantId(), event.username(), UserKind.HUMAN, event.roles(),
                event.occurredAt());
    }

    @EventHandler
    void on(PersonalAccessTokenIssuedEvent event) {
        jdbc.update("""
                        INSERT INTO kw_credential (token_hash, credential_id, user_id, tenant_id, expires_at, issued_at)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                PatHasher.decode(event.tokenHash()), Long.parseLong(event.credentialId()),
                Long.parseLong(event.userId()), event.tenantId(), timestamp(event.expirationDate()),
                timestamp(event.occurredAt()));
    }

    @EventHandler
    void on(PersonalAccessTokenRevocationScheduledEvent event) {
        jdbc.update("UPDATE kw_credential SET revoke_at = ? WHERE credential_id = ? AND revoked_at IS NULL",
                timestamp(event.revokeAt()), Long.parseLong(event.credentialId()));
    }

    @EventHandler
    void on(PersonalAccessTokenExpiryWarnedEvent event) {
        String column = event.daysLeft() <= 7 ? "warned_7_days_at" : "warned_30_days_at";
        jdbc.update("UPDATE kw_credential SET " + column + " = ? WHERE credential_id = ?",
                timestamp(event.occurredAt()), Long.parseLong(event.credentialId()));
    }

    @EventHandler
    void on(PersonalAccessTokenRevokedEvent event) {
        jdbc.update("""
                        UPDATE kw_credential SET revoked_at = ?, revocation_reason = ?
                         WHERE credential_id = ? AND revoked_at IS NULL""",
                timestamp(event.occurredAt()), event.reason().value(), Long.parseLong(event.credentialId()));
    }

    @EventHandler
    void on(ServiceAccountDeletedEvent event) {
        deletePrincipal(event.userId());
    }

    @EventHandler
    void on(HumanUserDeletedEvent event) {
        deletePrincipal(event.userId());
    }

    private void insertPrincipal(String userId, String tenantId, String username, UserKind kind, List<Role> roles,
                                 Instant createdAt) {
        jdbc.update("""
                        INSERT INTO kw_principal (user_id, tenant_id, username, username_key, kind, roles, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)""",
                Long.parseLong(userId), tenantId, username, Usernames.key(username), kind.value(),
                CredentialIndex.formatRoles(roles), timestamp(createdAt));
    }

    private void deletePrincipal(String userId) {
        jdbc.update("DELETE FROM kw_principal WHERE user_id = ?", Long.parseLong(userId));
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.from(instant);
    }
}
