package io.keyward.service.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Remembers when and from where each credential was last used, shown in PAT listings. Writes are throttled (at most
 * one per credential per interval and instance) and done off the request thread; if the writer falls behind,
 * updates are dropped rather than slowing requests down. Last use is informational, never a security decision.
 */
public class CredentialUsage implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CredentialUsage.class);
    private static final String UPSERT = """
            INSERT INTO kw_credential_usage (credential_id, last_used_at, last_used_address) VALUES (?, ?, ?)
            ON CONFLICT (credential_id) DO UPDATE
               SET last_used_at = EXCLUDED.last_used_at, last_used_address = EXCLUDED.last_used_address
             WHERE kw_credential_usage.last_used_at < EXCLUDED.last_used_at""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration interval;
    private final ConcurrentHashMap<String, Instant> lastWritten = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "credential-usage-writer");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.DiscardPolicy());

    public CredentialUsage(JdbcTemplate jdbc, Clock clock, Duration interval) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.interval = interval;
    }

    public void record(String credentialId, String address) {
        Instant now = clock.instant();
        Instant previous = lastWritten.get(credentialId);
        if (previous != null && previous.plus(interval).isAfter(now)) {
            return;
        }
        if (previous == null ? lastWritten.putIfAbsent(credentialId, now) != null
                : !lastWritten.replace(credentialId, previous, now)) {
            return; // another request of this credential is writing it
        }
        String truncated = address == null ? null : address.substring(0, Math.min(address.length(), 64));
        writer.execute(() -> {
            try {
                jdbc.update(UPSERT, Long.parseLong(credentialId), Timestamp.from(now), truncated);
            } catch (RuntimeException e) {
                lastWritten.remove(credentialId, now);
                log.warn("Could not record the last use of credential {}: {}", credentialId, e.toString());
            }
        });
    }

    @Override
    public void destroy() throws InterruptedException {
        writer.shutdown();
        writer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
