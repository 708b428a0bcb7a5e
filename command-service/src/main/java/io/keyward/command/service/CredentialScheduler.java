package io.keyward.command.service;

import io.keyward.command.api.WarnPatExpiryCommand;
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
 * The time-driven part of a PAT's life, recorded as events so that it reaches the audit and revocation topics:
 * <ul>
 * <li>the end of a rotation's grace period: revocation with reason {@code rotated};</li>
 * <li>expiry: revocation with reason {@code expired} (authentication already refuses the PAT, with 403, from its
 * expiration on);</li>
 * <li>expiry warnings 30 and 7 days ahead, for PATs that lived longer than that.</li>
 * </ul>
 * The schedule is the credential index in PostgreSQL, so it survives restarts; with several instances a
 * transaction-scoped advisory lock lets one of them work at a time, and the aggregate ignores repeats.
 */
@Component
public class CredentialScheduler {

    private static final Logger log = LoggerFactory.getLogger(CredentialScheduler.class);
    private static final long LOCK_KEY = 0x6b77_7363_6865_6475L; // "kwschedu"
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final Accounts accounts;
    private final TransactionTemplate transactions;

    public CredentialScheduler(JdbcTemplate jdbc, Accounts accounts, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${keyward.scheduler.interval:1s}", initialDelayString = "${keyward.scheduler.initial-delay:5s}")
    public void run() {
        Due due = transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class,
                    LOCK_KEY))) {
                return null;
            }
            return new Due(
                    credentials("revoke_at <= now()"),
                    credentials("expires_at <= now()"),
                    credentials("warn_30_days_due <= now() AND expires_at > now() + interval '168 hours'"),
                    credentials("warn_7_days_due <= now() AND expires_at > now()"));
        });
        if (due == null) {
            return;
        }
        due.graceOver().forEach(c -> revoke(c, RevocationReason.ROTATED));
        due.expired().forEach(c -> revoke(c, RevocationReason.EXPIRED));
        due.warn30().forEach(c -> warn(c, 30));
        due.warn7().forEach(c -> warn(c, 7));
    }

    private List<Credential> credentials(String condition) {
        return jdbc.query("SELECT credential_id, user_id, tenant_id FROM kw_credential WHERE revoked_at IS NULL AND "
                        + condition + " ORDER BY credential_id LIMIT " + BATCH,
                (rs, row) -> new Credential(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    private void revoke(Credential credential, RevocationReason reason) {
        try {
            accounts.revokePat(credential.tenantId(), null, credential.userId(), credential.credentialId(), reason,
                    KeywardEvent.SYSTEM_ACTOR);
            log.info("Credential {} {}", credential.credentialId(),
                    reason == RevocationReason.EXPIRED ? "expired" : "reached the end of its rotation grace period");
        } catch (KeywardException e) {
            log.debug("Credential {} was revoked meanwhile: {}", credential.credentialId(), e.detail());
        }
    }

    private void warn(Credential credential, int daysLeft) {
        try {
            accounts.send(new WarnPatExpiryCommand(credential.userId(), credential.tenantId(),
                    credential.credentialId(), daysLeft, KeywardEvent.SYSTEM_ACTOR), () -> "");
        } catch (KeywardException e) {
            log.debug("No expiry warning for credential {}: {}", credential.credentialId(), e.detail());
        }
    }

    private record Credential(String credentialId, String userId, String tenantId) {
    }

    private record Due(List<Credential> graceOver, List<Credential> expired, List<Credential> warn30,
                       List<Credential> warn7) {
    }
}
