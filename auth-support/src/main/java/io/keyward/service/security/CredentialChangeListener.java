package io.keyward.service.security;

import io.keyward.service.config.ListenerConnections;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps a {@link CredentialCache} true to the credential index (ADR 6), over a dedicated PostgreSQL connection:
 * it listens on {@value #CHANNEL}, evicts what each change names, acknowledges fences in {@code kw_auth_cache_member}
 * (after everything delivered before them has been applied), and renews the instance's lease there. The cache is
 * used only while the lease is current; when the connection fails, the cache is dropped at once and refilled only
 * after a new registration. Once this process has raised a fence, it also listens on {@value #ACK_CHANNEL} and passes
 * the acknowledgements of every instance to {@link FenceAcknowledgements}, for the revoking commands that wait.
 */
public final class CredentialChangeListener implements SmartLifecycle {

    public static final String CHANNEL = "keyward_credentials";
    public static final String ACK_CHANNEL = "keyward_credential_acks";
    private static final Logger log = LoggerFactory.getLogger(CredentialChangeListener.class);

    private final String url;
    private final Properties properties;
    private final CredentialCache cache;
    private final FenceAcknowledgements acknowledgements;
    private final String service;
    private final Duration lease;
    private final String memberId = UUID.randomUUID().toString();
    private volatile boolean running;
    private volatile boolean registered;
    private Thread thread;

    /** @param cache null when this instance caches nothing (it still passes acknowledgements on) */
    public CredentialChangeListener(String url, String username, String password, CredentialCache cache,
                                    FenceAcknowledgements acknowledgements, String service, Duration lease) {
        this.url = url;
        this.properties = ListenerConnections.properties(username, password, "keyward-credential-listener");
        // A stuck database must not hold the lease: a blocked renewal ends in an error and the cache is dropped.
        properties.setProperty("socketTimeout", Long.toString(Math.max(2, lease.toSeconds() * 2)));
        properties.setProperty("connectTimeout", "5");
        this.cache = cache;
        this.acknowledgements = acknowledgements;
        this.service = service;
        this.lease = lease;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::listen, "keyward-credential-changes");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(lease.toMillis() + 2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether this instance is registered and its cache current (for health and tests). */
    public boolean isRegistered() {
        return registered;
    }

    private void listen() {
        long backoffMillis = 100;
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, properties)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                boolean hearingAcknowledgements = false;
                PGConnection pg = connection.unwrap(PGConnection.class);
                if (cache != null) {
                    register(connection);
                }
                acknowledgements.signal();
                backoffMillis = 100;
                long renewEvery = Math.max(100, lease.toMillis() / 3);
                long nextRenewal = System.nanoTime() + renewEvery * 1_000_000;
                while (running) {
                    if (!hearingAcknowledgements && acknowledgements.wanted()) {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("LISTEN " + ACK_CHANNEL);
                        }
                        hearingAcknowledgements = true;
                        // a fence already waiting may have missed acknowledgements: its next re-check finds them
                        acknowledgements.signal();
                    }
                    apply(connection, pg.getNotifications((int) Math.min(250, renewEvery)));
                    if (cache != null && System.nanoTime() - nextRenewal >= 0) {
                        renew(connection, pg);
                        nextRenewal = System.nanoTime() + renewEvery * 1_000_000;
                    }
                }
                if (cache != null) {
                    leave(connection);
                }
            } catch (SQLException e) {
                dropCache();
                if (!running) {
                    return;
                }
                log.warn("Credential change notifications interrupted ({}); authenticating against the database "
                        + "until reconnected, in {} ms", e.getMessage(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    if (!running) {
                        return;
                    }
                }
                backoffMillis = Math.min(backoffMillis * 2, 5_000);
            }
        }
        dropCache();
    }

    private void dropCache() {
        registered = false;
        if (cache != null) {
            cache.revokeLease();
        }
    }

    /**
     * Joins the members with an empty cache, acknowledging every fence raised so far: whatever they guard was
     * committed before this cache holds anything.
     */
    private void register(Connection connection) throws SQLException {
        cache.revokeLease();
        long started = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO kw_auth_cache_member (member_id, service, acked_fence, lease_until)
                SELECT ?, ?, CASE WHEN is_called THEN last_value ELSE 0 END, now() + make_interval(secs => ?)
                  FROM kw_credential_fence_seq
                ON CONFLICT (member_id) DO UPDATE
                   SET acked_fence = EXCLUDED.acked_fence, lease_until = EXCLUDED.lease_until""")) {
            insert.setString(1, memberId);
            insert.setString(2, service);
            insert.setDouble(3, lease.toMillis() / 1000.0);
            insert.executeUpdate();
        }
        try (Statement cleanup = connection.createStatement()) {
            cleanup.executeUpdate("DELETE FROM kw_auth_cache_member WHERE lease_until < now() - interval '1 hour'");
        }
        cache.leaseUntil(localLeaseEnd(started));
        registered = true;
        log.info("Credential cache registered as {} ({} lease)", memberId, lease);
    }

    /**
     * Renews the lease. Notifications delivered with the renewal's answer are applied before the lease is extended;
     * if the lease had lapsed meanwhile (a revoking command may have stopped waiting for this instance), the cache
     * is emptied first.
     */
    private void renew(Connection connection, PGConnection pg) throws SQLException {
        long started = System.nanoTime();
        int updated;
        try (PreparedStatement renew = connection.prepareStatement(
                "UPDATE kw_auth_cache_member SET lease_until = now() + make_interval(secs => ?) WHERE member_id = ?")) {
            renew.setDouble(1, lease.toMillis() / 1000.0);
            renew.setString(2, memberId);
            updated = renew.executeUpdate();
        }
        if (updated == 0) {
            log.warn("Credential cache membership {} was removed; registering again", memberId);
            register(connection);
            return;
        }
        apply(connection, pg.getNotifications());
        if (!cache.isUsable()) {
            cache.flush();
            log.warn("Credential cache lease lapsed before it was renewed; cache emptied");
        }
        cache.leaseUntil(localLeaseEnd(started));
    }

    /** The lease as this process may use it: measured from before the renewal was sent, less a safety margin. */
    private long localLeaseEnd(long sentAt) {
        long margin = Math.max(lease.toNanos() / 5, 200_000_000L);
        return sentAt + lease.toNanos() - margin;
    }

    private void leave(Connection connection) {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM kw_auth_cache_member WHERE member_id = ?")) {
            delete.setString(1, memberId);
            delete.executeUpdate();
        } catch (SQLException e) {
            log.debug("Could not remove credential cache membership {}: {}", memberId, e.getMessage());
        }
    }

    private void apply(Connection connection, PGNotification[] notifications) throws SQLException {
        if (notifications == null || notifications.length == 0) {
            return;
        }
        long fence = 0;
        boolean acknowledged = false;
        for (PGNotification notification : notifications) {
            if (notification.getName().equals(ACK_CHANNEL)) {
                String ack = notification.getParameter();
                int colon = ack.lastIndexOf(':');
                if (colon > 0) {
                    try {
                        acknowledgements.acknowledge(ack.substring(0, colon), Long.parseLong(ack.substring(colon + 1)));
                    } catch (NumberFormatException e) {
                        acknowledged = true;
                    }
                } else {
                    acknowledged = true;
                }
                continue;
            }
            String change = notification.getParameter();
            if (change.startsWith("fence:")) {
                fence = Math.max(fence, Long.parseLong(change.substring("fence:".length())));
            } else if (cache != null && change.startsWith("u:")) {
                cache.evictUser(Long.parseLong(change.substring(2)));
            } else if (cache != null) {
                cache.flush();
            }
        }
        if (fence > 0 && cache != null && registered) {
            try (PreparedStatement ack = connection.prepareStatement("""
                    WITH acked AS (
                        UPDATE kw_auth_cache_member SET acked_fence = greatest(acked_fence, ?) WHERE member_id = ?
                        RETURNING member_id, acked_fence)
                    SELECT pg_notify('%s', member_id || ':' || acked_fence) FROM acked""".formatted(ACK_CHANNEL))) {
                ack.setLong(1, fence);
                ack.setString(2, memberId);
                try (ResultSet ignored = ack.executeQuery()) {
                    // acknowledged
                }
            }
        }
        if (acknowledged) {
            acknowledgements.signal();
        }
    }
}
