package io.keyward.service.security;

/**
 * Wakes threads waiting for fence acknowledgements: the {@link CredentialChangeListener} signals each
 * acknowledgement notification it receives, and a waiting {@link RevocationFence} then checks the database again.
 */
public final class FenceAcknowledgements {

    private long version;

    public synchronized long version() {
        return version;
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
