package io.keyward.streamer;

import io.keyward.kafka.KafkaJson;
import io.keyward.kafka.RevocationRecord;
import io.keyward.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyward's revocation topic, read from its beginning into a deny-list of credential ids (the topic is retained
 * longer than any PAT lives, so this alone rebuilds the list after a restart), then followed live; each new record
 * is handed to the listeners at once. No consumer group: every streamer instance reads every record.
 */
public final class RevocationFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RevocationFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    /** Revoked credential ids, with the PAT's own expiration (after which the entry is useless), or null. */
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private static final Instant UNKNOWN_EXPIRY = Instant.MAX;
    private volatile Instant nextPrune = Instant.EPOCH;
    private final List<Consumer<RevocationRecord>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public RevocationFeed(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "keyward-streamer-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "keyward-revocation-feed");
        this.thread.setDaemon(true);
    }

    /** Adds a listener for each revocation that arrives from now on. */
    public void onRevocation(Consumer<RevocationRecord> listener) {
        listeners.add(listener);
    }

    public RevocationFeed start() {
        thread.start();
        return this;
    }

    /** Waits until the deny-list holds everything that was on the topic when the feed started. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public boolean isRevoked(String credentialId) {
        return revoked.containsKey(credentialId);
    }

    public int size() {
        return revoked.size();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            while (running && partitions.isEmpty()) {
                consumer.partitionsFor(Topics.REVOCATIONS, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            checkCaughtUp(partitions, end);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    RevocationRecord revocation = KafkaJson.read(record.value(), RevocationRecord.class);
                    revoked.put(revocation.credentialId(), revocation.expiresAt() == null ? UNKNOWN_EXPIRY
                            : Instant.parse(revocation.expiresAt()));
                    if (isCaughtUp()) {
                        listeners.forEach(listener -> listener.accept(revocation));
                    }
                }
                checkCaughtUp(partitions, end);
                pruneExpired();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("The revocation feed stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Forgets revocations of PATs that have expired anyway (a minute's margin): introspection refuses those, so the
     * deny-list stays as large as the set of revoked PATs still within their lifetime.
     */
    private void pruneExpired() {
        Instant now = Instant.now();
        if (now.isBefore(nextPrune)) {
            return;
        }
        Instant horizon = now.minusSeconds(60);
        revoked.values().removeIf(expiry -> expiry.isBefore(horizon));
        nextPrune = now.plusSeconds(60);
    }

    private void checkCaughtUp(List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        if (!isCaughtUp() && partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
            log.info("Revocation deny-list rebuilt from the topic: {} credentials", revoked.size());
            caughtUp.countDown();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
