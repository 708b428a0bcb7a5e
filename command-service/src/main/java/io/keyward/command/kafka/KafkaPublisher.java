package io.keyward.command.kafka;

import io.keyward.events.KeywardEvent;
import io.keyward.kafka.AuditRecords;
import io.keyward.kafka.KafkaJson;
import io.keyward.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Publishes every event of the store to Kafka from its own tracking processor (own position in the token store):
 * each event as a CloudEvent on the audit topic, each revocation also on the revocation topic, keyed by user id so
 * one account's records stay in order.
 *
 * <p>Sends of a batch are pipelined and all acknowledged ({@code acks=all}) before the batch's position is stored;
 * if any fails, the batch fails, the position stays, and the processor retries it with back-off: at-least-once, in
 * order, nothing lost while Kafka is down. Consumers dedupe on the CloudEvent {@code id}.</p>
 */
@ProcessingGroup(KafkaPublisher.GROUP)
public class KafkaPublisher {

    public static final String GROUP = "kafka-publisher";
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";
    private static final String PENDING = KafkaPublisher.class.getName() + ".pending";
    private static final long ACK_TIMEOUT_SECONDS = 60;

    private final Producer<String, byte[]> producer;
    private final KafkaTopicProvisioner topics;

    public KafkaPublisher(Producer<String, byte[]> producer, KafkaTopicProvisioner topics) {
        this.producer = producer;
        this.topics = topics;
    }

    @EventHandler
    void on(KeywardEvent event) {
        topics.ensureTopics();
        List<Future<RecordMetadata>> pending = pendingSendsOfThisBatch();
        ProducerRecord<String, byte[]> audit = new ProducerRecord<>(Topics.AUDIT, event.userId(),
                KafkaJson.write(AuditRecords.of(event)));
        audit.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        pending.add(producer.send(audit));
        AuditRecords.revocationOf(event).ifPresent(revocation -> pending.add(producer.send(
                new ProducerRecord<>(Topics.REVOCATIONS, event.userId(), KafkaJson.write(revocation)))));
    }

    private List<Future<RecordMetadata>> pendingSendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private static void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing to Kafka failed; the batch will be retried", e);
        }
    }
}
