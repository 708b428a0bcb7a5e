package io.keyward.service.security;

import java.util.HashMap;
import java.util.Map;

/**
 * The fences each caching instance has acknowledged, as the {@link CredentialChangeListener} hears them announced
 * (payload {@code <member id>:<fence>} on the acknowledgement channel), so that a waiting {@link RevocationFence}
 * decides in memory instead of asking the database after every acknowledgement. Waiting threads are woken on each
 * acknowledgement and on each reconnection of the listener (after which notifications may have been missed).
 *
 * <p>Only a process that raises fences needs to hear acknowledgements: the listener subscribes to their channel once
 * the first fence has been raised here ({@link #wanted()}). Every other process (the query-service, the gateway)
 * never does, so PostgreSQL does not deliver every instance's acknowledgement of every revocation to every instance.</p>
 */
public final class FenceAcknowledgements {

    private final Map<String, Long> acknowledged = new HashMap<>();
    private long version;
    private volatile boolean wanted;

    /** Called by a fence before it waits: from now on this process listens for acknowledgements. */
    public void want() {
        wanted = true;
    }

    /** Whether a fence has been raised in this process, so that acknowledgements must be heard. */
    public boolean wanted() {
        return wanted;
    }

    public synchronized long version() {
        return version;
    }

    /** The highest fence {@code member} is known to have acknowledged, 0 if none heard of. */
    public synchronized long acknowledgedBy(String member) {
        return acknowledged.getOrDefault(member, 0L);
    }

    synchronized void acknowledge(String member, long fence) {
        acknowledged.merge(member, fence, Math::max);
        signal();
    }

    synchronized void signal() {
        version++;
        notifyAll();
    }

    /** Waits until an acknowledgement newer than {@code seen} arrives, or {@code timeoutMillis} passes. */
    public synchronized void awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (version == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
