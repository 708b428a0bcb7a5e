package io.keyward.command.service;

import io.keyward.events.KeywardEvent;
import io.keyward.events.RevocationReason;
import io.keyward.web.KeywardException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the revocations that were scheduled (a rotation's grace period) once they are due. Authentication already
 * rejects such a credential from its {@code revoke_at} on; this turns it into a {@code PersonalAccessTokenRevoked}
 * event, and so into a record on the revocation topic. The schedule lives in PostgreSQL, so it survives restarts;
 * with several instances, a transaction-scoped advisory lock lets one of them do a round at a time.
 */
@Component
public class ScheduledRevocations {

    private static final Logger log = LoggerFactory.getLogger(ScheduledRevocations.class);
    private static final long LOCK_KEY = 0x6b77_7265_766f_6b65L; // "kwrevoke"

    private final JdbcTemplate jdbc;
    private final Accounts accounts;
    private final TransactionTemplate transactions;

    public ScheduledRevocations(JdbcTemplate jdbc, Accounts accounts, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${keyward.revocations.poll-interval:1s}")
    public void revokeDue() {
        List<Due> due = transactions.execute(status -> {
            Boolean locked = jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY);
            if (!Boolean.TRUE.equals(locked)) {
                return List.<Due>of();
            }
            return jdbc.query("""
                            SELECT credential_id, user_id, tenant_id FROM kw_credential
                             WHERE revoke_at <= now() AND revoked_at IS NULL
                             ORDER BY revoke_at LIMIT 500""",
                    (rs, row) -> new Due(rs.getString(1), rs.getString(2), rs.getString(3)));
        });
        for (Due credential : due == null ? List.<Due>of() : due) {
            try {
                accounts.revokePat(credential.tenantId(), null, credential.userId(), credential.credentialId(),
                        RevocationReason.ROTATED, KeywardEvent.SYSTEM_ACTOR);
                log.info("Revoked credential {} at the end of its rotation grace period", credential.credentialId());
            } catch (KeywardException e) {
                log.debug("Credential {} was revoked meanwhile: {}", credential.credentialId(), e.detail());
            }
        }
    }

    private record Due(String credentialId, String userId, String tenantId) {
    }
}
