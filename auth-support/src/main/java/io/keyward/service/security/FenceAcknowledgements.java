package io.keyward.service.security;

import java.util.HashMap;
import java.util.Map;

/**
 * The fences each caching instance has acknowledged, as the {@link CredentialChangeListener} hears them announced
 * (payload {@code <member id>:<fence>} on the acknowledgement channel), so that a waiting {@link RevocationFence}
 * decides in memory instead of asking the database after every acknowledgement. Waiting threads are woken on each
 * acknowledgement and on each reconnection of the listener (after which notifications may have been missed).
 */
public final class FenceAcknowledgements {

    private final Map<String, Long> acknowledged = new HashMap<>();
    private long version;

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
