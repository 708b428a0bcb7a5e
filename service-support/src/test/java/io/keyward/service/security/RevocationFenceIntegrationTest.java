package io.keyward.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.keyward.testing.TestStores;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two instances with credential caches (as the command-service and the query-service) over one real PostgreSQL:
 * once a revoking command's fence has returned, neither instance accepts the revoked credential, even while other
 * threads keep authenticating with it.
 */
class RevocationFenceIntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(2);

    private String url;
    private JdbcTemplate jdbc;
    private final List<CredentialChangeListener> listeners = new ArrayList<>();
    private final List<CredentialCache> caches = new ArrayList<>();
    private RevocationFence fence;
    /** The acknowledgements the instance that raises no fence hears. */
    private FenceAcknowledgements bystanderAcks;

    @BeforeEach
    void twoCachingInstances() {
        url = TestStores.newPostgresDatabase();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "postgres", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        FenceAcknowledgements revokerAcks = null;
        for (String service : List.of("command-service", "query-service")) {
            CredentialCache cache = new CredentialCache(new CredentialIndex(jdbc), 1000, Duration.ofMinutes(5));
            FenceAcknowledgements acks = new FenceAcknowledgements();
            CredentialChangeListener listener = new CredentialChangeListener(url, "postgres", "", cache, acks,
                    service, LEASE);
            listener.start();
            listeners.add(listener);
            caches.add(cache);
            if (revokerAcks == null) {
                revokerAcks = acks;
            } else {
                bystanderAcks = acks;
            }
        }
        fence = new RevocationFence(jdbc, revokerAcks, LEASE);
        await().atMost(Duration.ofSeconds(10)).until(() -> listeners.stream()
                .allMatch(CredentialChangeListener::isRegistered));
    }

    @AfterEach
    void stop() {
        listeners.forEach(CredentialChangeListener::stop);
    }

    @Test
    void aRevocationIsSeenByEveryCacheOnceItsFenceReturns() throws Exception {
        // given: 100 credentials, each cached by both instances, while 4 threads keep authenticating with them
        int count = 100;
        for (int i = 0; i < count; i++) {
            insertCredential(i);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger authentications = new AtomicInteger();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            readers.submit(() -> {
                while (running.get()) {
                    for (int i = 0; i < count; i++) {
                        for (CredentialCache cache : caches) {
                            cache.findByHash(hash(i));
                            authentications.incrementAndGet();
                        }
                    }
                }
            });
        }
        await().until(() -> authentications.get() > 10 * count);

        // when / then: each revocation, committed and fenced, is seen at once by both instances
        long slowest = 0;
        for (int i = 0; i < count; i++) {
            jdbc.update("UPDATE kw_credential SET revoked_at = now(), revocation_reason = 'deleted' "
                    + "WHERE credential_id = ?", 1000L + i);
            long started = System.nanoTime();
            fence.await();
            slowest = Math.max(slowest, System.nanoTime() - started);
            for (CredentialCache cache : caches) {
                Optional<StoredCredential> found = cache.findByHash(hash(i));
                assertThat(found).get().extracting(StoredCredential::revokedAt).isNotNull();
            }
        }
        running.set(false);
        readers.shutdown();
        assertThat(readers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(caches).allSatisfy(cache -> assertThat(cache.hits()).isPositive());
        assertThat(Duration.ofNanos(slowest)).isLessThan(LEASE);
    }

    @Test
    void concurrentFencesReturnAsSoonAsTheirAcknowledgementsAreHeard() throws Exception {
        // 16 revoking commands at once, 20 rounds: each waits for both instances, none for the lease (2 s)
        ExecutorService revokers = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 20; round++) {
                List<java.util.concurrent.Future<Long>> waits = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    waits.add(revokers.submit(() -> {
                        long started = System.nanoTime();
                        fence.await();
                        return System.nanoTime() - started;
                    }));
                }
                for (var wait : waits) {
                    assertThat(Duration.ofNanos(wait.get(10, TimeUnit.SECONDS))).isLessThan(Duration.ofMillis(1000));
                }
            }
        } finally {
            revokers.shutdownNow();
        }
        // only the process that raises fences listens for acknowledgements: PostgreSQL delivers the 640 of them to
        // the revoker alone, none to the other instance (its version moved only when its listener connected)
        assertThat(bystanderAcks.wanted()).isFalse();
        assertThat(bystanderAcks.version()).isLessThanOrEqualTo(1);
    }

    @Test
    void aDeletedHolderIsSeenByEveryCacheOnceTheFenceReturns() {
        insertCredential(1);
        caches.forEach(cache -> cache.findByHash(hash(1)));

        jdbc.update("DELETE FROM kw_principal WHERE user_id = ?", 2001L);
        fence.await();

        assertThat(caches).allSatisfy(cache -> assertThat(cache.findByHash(hash(1))).get()
                .extracting(StoredCredential::holderExists).isEqualTo(false));
    }

    @Test
    void aRebuildOfTheLookupsEmptiesEveryCache() {
        insertCredential(1);
        caches.forEach(cache -> cache.findByHash(hash(1)));

        jdbc.execute("TRUNCATE kw_principal, kw_credential");
        fence.await();

        assertThat(caches).allSatisfy(cache -> assertThat(cache.findByHash(hash(1))).isEmpty());
    }

    @Test
    void aSilentInstanceDelaysTheFenceAtMostUntilItsLeaseRunsOut() {
        // given: an instance that registered and then went silent (its lease still runs)
        jdbc.update("INSERT INTO kw_auth_cache_member (member_id, service, acked_fence, lease_until) "
                + "VALUES ('silent', 'query-service', 0, now() + interval '1.5 seconds')");

        // when
        long started = System.nanoTime();
        fence.await();
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        // then
        assertThat(waited).isBetween(Duration.ofMillis(1000), LEASE.plusSeconds(1));
    }

    @Test
    void anInstanceThatStopsLeavesAndItsCacheAnswersNothingFromMemory() {
        insertCredential(1);
        CredentialCache cache = caches.get(1);
        cache.findByHash(hash(1));

        listeners.get(1).stop();

        assertThat(cache.isUsable()).isFalse();
        assertThat(cache.size()).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM kw_auth_cache_member", Integer.class)).isEqualTo(1);
        long started = System.nanoTime();
        fence.await();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    }

    private void insertCredential(int i) {
        jdbc.update("INSERT INTO kw_principal (user_id, tenant_id, username, username_key, kind, roles, created_at) "
                + "VALUES (?, 'tenant1', ?, ?, 'machine', 'service-account-manager', now())", 2000L + i,
                "svc-" + i, "svc-" + i);
        jdbc.update("INSERT INTO kw_credential (token_hash, credential_id, user_id, tenant_id, expires_at, issued_at) "
                + "VALUES (?, ?, ?, 'tenant1', now() + interval '30 days', now())", hash(i), 1000L + i, 2000L + i);
    }

    private static byte[] hash(int i) {
        byte[] hash = new byte[32];
        hash[0] = (byte) i;
        hash[1] = (byte) (i >> 8);
        hash[31] = 42;
        return hash;
    }
}
