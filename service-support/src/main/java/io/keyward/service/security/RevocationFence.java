package io.keyward.service.security;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a committed revocation effective in every credential cache before the revoking request is answered
 * (ADR 6): raises a fence after the commit and waits until every instance with a current lease has acknowledged
 * it. An instance that stays silent stops using its cache when its lease runs out, so the wait is bounded by the
 * lease.
 */
public final class RevocationFence {

    private static final Logger log = LoggerFactory.getLogger(RevocationFence.class);
    private static final String PENDING = """
            SELECT count(*) FROM kw_auth_cache_member WHERE acked_fence < ? AND lease_until > now()""";

    private final JdbcTemplate jdbc;
    private final FenceAcknowledgements acknowledgements;
    private final Duration lease;

    public RevocationFence(JdbcTemplate jdbc, FenceAcknowledgements acknowledgements, Duration lease) {
        this.jdbc = jdbc;
        this.acknowledgements = acknowledgements;
        this.lease = lease;
    }

    /** Call after the revoking transaction has committed, outside any transaction. */
    public void await() {
        long started = System.nanoTime();
        Long fence = jdbc.queryForObject("SELECT keyward_credential_fence()", Long.class);
        long deadline = started + lease.toNanos() + 1_000_000_000L;
        try {
            while (true) {
                long seen = acknowledgements.version();
                Integer pending = jdbc.queryForObject(PENDING, Integer.class, fence);
                if (pending == null || pending == 0) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    log.warn("{} credential cache(s) did not acknowledge fence {} within {} ms; their leases have "
                            + "run out, so they no longer answer from memory", pending, fence,
                            (System.nanoTime() - started) / 1_000_000);
                    return;
                }
                acknowledgements.awaitAfter(seen, 20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for credential caches to apply a revocation",
                    e);
        }
    }
}
