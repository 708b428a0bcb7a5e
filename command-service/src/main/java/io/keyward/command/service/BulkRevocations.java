package io.keyward.command.service;

import io.keyward.events.RevocationReason;
import io.keyward.web.KeywardException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Revocations of many credentials at once: every PAT of a tenant issued before a given time (after a leak), found
 * in the credential index and revoked one by one, each with its own event.
 */
@Service
public class BulkRevocations {

    private static final Logger log = LoggerFactory.getLogger(BulkRevocations.class);

    private final JdbcTemplate jdbc;
    private final Accounts accounts;

    public BulkRevocations(JdbcTemplate jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    /** Revokes the tenant's active PATs issued before {@code issuedBefore}; returns their credential ids. */
    public List<String> revokeIssuedBefore(String tenantId, Instant issuedBefore, String actorId) {
        List<long[]> due = jdbc.query("""
                        SELECT credential_id, user_id FROM kw_credential
                         WHERE tenant_id = ? AND issued_at < ? AND revoked_at IS NULL
                         ORDER BY issued_at""",
                (rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)}, tenantId, Timestamp.from(issuedBefore));
        List<String> revoked = new ArrayList<>();
        for (long[] credential : due) {
            String credentialId = Long.toString(credential[0]);
            try {
                accounts.revokePat(tenantId, null, Long.toString(credential[1]), credentialId,
                        RevocationReason.DELETED, actorId);
                revoked.add(credentialId);
            } catch (KeywardException e) {
                // Revoked meanwhile (or its user deleted): nothing left to do for it.
                log.debug("Credential {} was already revoked: {}", credentialId, e.detail());
            }
        }
        log.info("Revoked {} PATs of tenant {} issued before {}", revoked.size(), tenantId, issuedBefore);
        return revoked;
    }
}
