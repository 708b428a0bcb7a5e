package io.keyward.service.security;

import io.keyward.pat.PatHasher;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Verified credentials kept in memory, so that authenticating a request costs a keyed hash and a map lookup instead
 * of a database round trip (ADR 6). Only credentials found in the store are kept; unknown tokens always go to the
 * store.
 *
 * <p>The cache is used only while its lease is current ({@link #leaseUntil}): the {@link CredentialChangeListener}
 * renews it as long as it is connected to the database and applying change notifications, so an instance that loses
 * the notifications stops answering from memory before any revoking command stops waiting for it. Every eviction
 * bumps a generation that fills check under the same lock, so a credential read from the store before a revocation
 * committed can never be cached after the revocation's notification was applied.</p>
 */
public final class CredentialCache implements CredentialLookup {

    private final CredentialLookup store;
    private final int maxEntries;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Guarded by {@code this}, like every write to {@link #entries}. */
    private final Map<Long, Set<Key>> keysByUser = new java.util.HashMap<>();
    private long generation;
    private volatile long usableUntil;
    private volatile boolean leased;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public CredentialCache(CredentialLookup store, int maxEntries, Duration maxAge) {
        this(store, maxEntries, maxAge, System::nanoTime);
    }

    CredentialCache(CredentialLookup store, int maxEntries, Duration maxAge, LongSupplier nanoClock) {
        this.store = store;
        this.maxEntries = maxEntries;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public Optional<StoredCredential> findByHash(byte[] tokenHash) {
        long now = nanoClock.getAsLong();
        if (!usableAt(now)) {
            return store.findByHash(tokenHash);
        }
        Key key = new Key(tokenHash);
        Entry cached = entries.get(key);
        if (cached != null && now - cached.loadedAt() < maxAgeNanos && PatHasher.matches(cached.hash(), tokenHash)) {
            hits.increment();
            return Optional.of(cached.credential());
        }
        misses.increment();
        long before = generation();
        Optional<StoredCredential> found = store.findByHash(tokenHash);
        found.ifPresent(credential -> fill(new Entry(tokenHash.clone(), credential, now), before));
        return found;
    }

    private boolean usableAt(long now) {
        return leased && usableUntil - now > 0;
    }

    private synchronized long generation() {
        return generation;
    }

    private synchronized void fill(Entry entry, long expectedGeneration) {
        Key key = new Key(entry.hash());
        if (generation != expectedGeneration || !usableAt(nanoClock.getAsLong())
                || (entries.size() >= maxEntries && !entries.containsKey(key))) {
            return;
        }
        entries.put(key, entry);
        keysByUser.computeIfAbsent(entry.credential().userId(), user -> new HashSet<>()).add(key);
    }

    /** Forgets every credential of {@code userId} (one of them changed, or the holder did). */
    public synchronized void evictUser(long userId) {
        generation++;
        Set<Key> keys = keysByUser.remove(userId);
        if (keys != null) {
            keys.forEach(entries::remove);
        }
    }

    /** Forgets everything. */
    public synchronized void flush() {
        generation++;
        entries.clear();
        keysByUser.clear();
    }

    /** Lets the cache answer until {@code nanoTime} (a {@link System#nanoTime()} value). */
    public void leaseUntil(long nanoTime) {
        usableUntil = nanoTime;
        leased = true;
    }

    /** Whether the cache answers now. */
    public boolean isUsable() {
        return usableAt(nanoClock.getAsLong());
    }

    /** Stops answering from memory and forgets everything (the change notifications may have been missed). */
    public void revokeLease() {
        leased = false;
        flush();
    }

    public int size() {
        return entries.size();
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }

    private record Entry(byte[] hash, StoredCredential credential, long loadedAt) {
    }

    /** A keyed hash as a map key. */
    private static final class Key {

        private final byte[] hash;
        private final int hashCode;

        Key(byte[] hash) {
            this.hash = hash;
            this.hashCode = Arrays.hashCode(hash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(hash, key.hash);
        }

        @Override
        public int hashCode() {
            return hashCode;
        }
    }
}
