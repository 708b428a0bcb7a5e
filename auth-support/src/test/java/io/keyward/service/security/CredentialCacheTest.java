package io.keyward.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyward.identity.Role;
import io.keyward.identity.UserKind;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Map<String, StoredCredential> store = new HashMap<>();
    private final AtomicInteger storeReads = new AtomicInteger();
    private Runnable duringStoreRead = () -> { };
    private final CredentialLookup lookup = hash -> {
        storeReads.incrementAndGet();
        StoredCredential found = store.get(new String(hash));
        duringStoreRead.run();
        return Optional.ofNullable(found);
    };
    private final CredentialCache cache = new CredentialCache(lookup, 3, Duration.ofMinutes(5), nanos::get);

    private static final byte[] HASH = "hash-1".getBytes();

    @BeforeEach
    void leased() {
        store.put("hash-1", credential(1, 10, null));
        cache.leaseUntil(nanos.get() + Duration.ofSeconds(3).toNanos());
    }

    @Test
    void aFoundCredentialIsReadFromTheStoreOnceThenFromMemory() {
        assertThat(cache.findByHash(HASH)).isPresent();
        assertThat(cache.findByHash(HASH)).isPresent();
        assertThat(cache.findByHash(HASH)).isPresent();

        assertThat(storeReads).hasValue(1);
        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(1);
    }

    @Test
    void unknownTokensAreNeverCached() {
        cache.findByHash("unknown".getBytes());
        cache.findByHash("unknown".getBytes());

        assertThat(storeReads).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void evictingAUserMakesTheNextAuthenticationReadTheStore() {
        cache.findByHash(HASH);
        store.put("hash-1", credential(1, 10, Instant.parse("2026-01-01T00:00:00Z")));

        cache.evictUser(10);

        assertThat(cache.findByHash(HASH)).get().extracting(StoredCredential::revokedAt).isNotNull();
        assertThat(storeReads).hasValue(2);
    }

    @Test
    void evictingAnotherUserKeepsTheEntry() {
        cache.findByHash(HASH);

        cache.evictUser(11);
        cache.findByHash(HASH);

        assertThat(storeReads).hasValue(1);
    }

    @Test
    void aReadThatRacedAnEvictionIsNotCached() {
        // The store answers with the credential as it was; the revocation's eviction is applied meanwhile.
        duringStoreRead = () -> cache.evictUser(10);
        cache.findByHash(HASH);
        duringStoreRead = () -> { };

        cache.findByHash(HASH);

        assertThat(storeReads).hasValue(2);
    }

    @Test
    void anEntryIsReadAgainAfterItsMaximumAge() {
        cache.findByHash(HASH);
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        cache.leaseUntil(nanos.get() + Duration.ofSeconds(3).toNanos());

        cache.findByHash(HASH);

        assertThat(storeReads).hasValue(2);
    }

    @Test
    void itHoldsAtMostItsMaximumNumberOfEntries() {
        for (int i = 0; i < 10; i++) {
            store.put("h" + i, credential(100 + i, 200 + i, null));
            cache.findByHash(("h" + i).getBytes());
        }

        assertThat(cache.size()).isEqualTo(3);
    }

    @Nested
    class Lease {

        @Test
        void pastItsLeaseTheCacheAnswersNothingFromMemory() {
            cache.findByHash(HASH);
            nanos.addAndGet(Duration.ofSeconds(3).toNanos());

            cache.findByHash(HASH);
            cache.findByHash(HASH);

            assertThat(cache.isUsable()).isFalse();
            assertThat(storeReads).hasValue(3);
        }

        @Test
        void aRevokedLeaseEmptiesTheCacheAndReadsGoToTheStore() {
            cache.findByHash(HASH);

            cache.revokeLease();
            cache.findByHash(HASH);

            assertThat(cache.size()).isZero();
            assertThat(storeReads).hasValue(2);
        }

        @Test
        void withoutALeaseNothingIsCached() {
            cache.revokeLease();
            cache.findByHash(HASH);
            cache.leaseUntil(nanos.get() + 1_000_000_000L);

            cache.findByHash(HASH);

            assertThat(storeReads).hasValue(2);
        }
    }

    private static StoredCredential credential(long credentialId, long userId, Instant revokedAt) {
        return new StoredCredential(credentialId, userId, "tenant1", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2099-01-01T00:00:00Z"), revokedAt, revokedAt == null ? null : "deleted", null,
                "svc-" + userId, UserKind.MACHINE, Set.of(Role.SERVICE_ACCOUNT_MANAGER));
    }
}
