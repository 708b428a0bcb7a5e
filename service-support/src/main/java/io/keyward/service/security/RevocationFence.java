package io.keyward.service.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes a committed revocation effective in every credential cache before the revoking request is answered
 * (ADR 6): raises a fence after the commit and waits until every instance with a current lease has acknowledged
 * it. An instance that stays silent stops using its cache when its lease runs out, so the wait is bounded by the
 * lease. The database is asked who must acknowledge; the acknowledgements themselves are heard as notifications,
 * so concurrent revocations wait without querying it again (a quarter-second re-check covers one not heard).
 */
public final class RevocationFence implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RevocationFence.class);
    /** The members that may answer from their caches now, what they have acknowledged, how long their lease runs. */
    private static final String MEMBERS = """
            SELECT member_id, acked_fence, extract(epoch FROM lease_until - now()) AS lease_left
              FROM kw_auth_cache_member WHERE lease_until > now()""";
    /** How often a waiting command asks the database again, in case an acknowledgement was not heard. */
    private static final long RECHECK_NANOS = 250_000_000L;

    private final JdbcTemplate jdbc;
    private final FenceAcknowledgements acknowledgements;
    private final Duration lease;
    private final Runnable onClose;

    public RevocationFence(JdbcTemplate jdbc, FenceAcknowledgements acknowledgements, Duration lease) {
        this(jdbc, acknowledgements, lease, () -> { });
    }

    /**
     * @param jdbc    connections of the fence's own: a fence is raised while the revoking command still holds its
     *                aggregate's lock, and commands queued for that lock hold connections of the request pool, so a
     *                fence that needed one of those could wait for them while they wait for it
     * @param onClose releases {@code jdbc}'s connections
     */
    public RevocationFence(JdbcTemplate jdbc, FenceAcknowledgements acknowledgements, Duration lease,
                           Runnable onClose) {
        this.jdbc = jdbc;
        this.acknowledgements = acknowledgements;
        this.lease = lease;
        this.onClose = onClose;
    }

    @Override
    public void close() {
        onClose.run();
    }

    /** Call after the revoking transaction has committed, outside any transaction. */
    public void await() {
        acknowledgements.want();
        long started = System.nanoTime();
        Long fence = jdbc.queryForObject("SELECT keyward_credential_fence()", Long.class);
        long deadline = started + lease.toNanos() + 1_000_000_000L;
        try {
            Map<String, Member> pending = pending(fence);
            long nextRecheck = System.nanoTime() + RECHECK_NANOS;
            while (true) {
                long seen = acknowledgements.version();
                long now = System.nanoTime();
                pending.entrySet().removeIf(entry -> acknowledgements.acknowledgedBy(entry.getKey()) >= fence
                        || now - entry.getValue().leaseEnd() > 0);
                if (pending.isEmpty()) {
                    return;
                }
                if (now - deadline > 0) {
                    log.warn("{} credential cache(s) did not acknowledge fence {} within {} ms; their leases have "
                            + "run out, so they no longer answer from memory", pending.size(), fence,
                            (now - started) / 1_000_000);
                    return;
                }
                if (now - nextRecheck > 0) {
                    pending = pending(fence);
                    nextRecheck = System.nanoTime() + RECHECK_NANOS;
                    continue;
                }
                acknowledgements.awaitAfter(seen, 20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for credential caches to apply a revocation",
                    e);
        }
    }

    /** The leased members that had not acknowledged {@code fence} when the database was asked. */
    private Map<String, Member> pending(long fence) {
        Map<String, Member> members = new HashMap<>();
        long asked = System.nanoTime();
        jdbc.query(MEMBERS, rs -> {
            if (rs.getLong("acked_fence") < fence) {
                long leaseLeft = (long) (rs.getDouble("lease_left") * 1e9);
                members.put(rs.getString("member_id"), new Member(asked + leaseLeft));
            }
        });
        return members;
    }

    /** @param leaseEnd when (as {@link System#nanoTime()}) the member stops answering from memory, at the latest */
    private record Member(long leaseEnd) {
    }
}
