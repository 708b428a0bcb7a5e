package io.keyward.streamer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.keyward.kafka.KafkaJson;
import io.keyward.kafka.RevocationRecord;
import io.keyward.kafka.Topics;
import io.keyward.testing.TestStores;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SessionGuardTest {

    private static String bootstrap;
    private static KafkaProducer<String, byte[]> producer;
    private final Map<String, TokenInfo> tokens = new ConcurrentHashMap<>();
    private final Introspector introspector = pat -> tokens.getOrDefault(pat, TokenInfo.inactive());

    @BeforeAll
    static void kafka() throws Exception {
        bootstrap = TestStores.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(Topics.REVOCATIONS, 3, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer());
    }

    private TokenInfo token(String pat, String credentialId, Instant expiresAt) {
        TokenInfo info = new TokenInfo(true, credentialId, "user-" + credentialId, "user", "t1", Set.of(), expiresAt);
        tokens.put(pat, info);
        return info;
    }

    private static void revoke(String credentialId) throws Exception {
        producer.send(new ProducerRecord<>(Topics.REVOCATIONS, "user-" + credentialId, KafkaJson.write(
                new RevocationRecord("e-" + credentialId, credentialId, "user-" + credentialId, "t1", "deleted",
                        Instant.now().toString(), Instant.now().plusSeconds(3600).toString())))).get();
    }

    private static RevocationFeed feed() throws InterruptedException {
        RevocationFeed feed = new RevocationFeed(bootstrap).start();
        assertThat(feed.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
        return feed;
    }

    @Test
    void cutsEverySessionOfACredentialWhenItsRevocationArrives() throws Exception {
        try (RevocationFeed feed = feed(); SessionGuard guard = new SessionGuard(introspector, feed,
                Clock.systemUTC())) {
            token("pat-a", "101", Instant.now().plusSeconds(3600));
            token("pat-b", "102", Instant.now().plusSeconds(3600));
            AtomicInteger cutA = new AtomicInteger();
            AtomicInteger cutB = new AtomicInteger();
            guard.admit("pat-a", cutA::incrementAndGet);
            guard.admit("pat-a", cutA::incrementAndGet);
            SessionGuard.Session b = guard.admit("pat-b", cutB::incrementAndGet);

            revoke("101");

            await().atMost(Duration.ofSeconds(10)).until(() -> cutA.get() == 2);
            assertThat(cutB.get()).isZero();
            assertThat(b.isOpen()).isTrue();
            assertThat(guard.sessionCount()).isEqualTo(1);
            assertThatThrownBy(() -> guard.admit("pat-a", () -> { }))
                    .isInstanceOf(SessionGuard.Refused.class);
        }
    }

    @Test
    void aRestartedStreamerRebuildsItsDenyListFromTheTopicAlone() throws Exception {
        revoke("201");
        token("pat-old", "201", Instant.now().plusSeconds(3600));
        try (RevocationFeed feed = feed(); SessionGuard guard = new SessionGuard(introspector, feed,
                Clock.systemUTC())) {
            assertThat(feed.isRevoked("201")).isTrue();
            assertThatThrownBy(() -> guard.admit("pat-old", () -> { }))
                    .isInstanceOf(SessionGuard.Refused.class).hasMessageContaining("revoked");
        }
    }

    @Test
    void cutsASessionWhenItsPatExpiresAndRefusesInactiveOnes() throws Exception {
        try (RevocationFeed feed = feed(); SessionGuard guard = new SessionGuard(introspector, feed,
                Clock.systemUTC())) {
            token("pat-short", "301", Instant.now().plusMillis(500));
            AtomicInteger cut = new AtomicInteger();
            guard.admit("pat-short", cut::incrementAndGet);

            await().atMost(Duration.ofSeconds(5)).until(() -> cut.get() == 1);
            assertThatThrownBy(() -> guard.admit("unknown", () -> { })).isInstanceOf(SessionGuard.Refused.class)
                    .hasMessageContaining("not active");
            assertThat(guard.cutCount()).isEqualTo(1);
        }
    }
}
