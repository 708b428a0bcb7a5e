package io.keyward.gateway;

import io.keyward.kafka.AuditRecord;
import io.keyward.kafka.AuditRecords;
import io.keyward.kafka.KafkaJson;
import io.keyward.kafka.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Audits the refusals the gateway decides itself (requests that cannot carry a PAT) straight to the audit topic:
 * the gateway has no database to queue them in. Sent off the request thread; if Kafka is unreachable for longer
 * than the producer's delivery timeout, or more than 10,000 records wait, a record is dropped and counted
 * ({@code keyward_audit_dropped_total}), and the refusal remains in the gateway's log.
 */
class GatewayAudit implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(GatewayAudit.class);
    private static final byte[] CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8"
            .getBytes(StandardCharsets.UTF_8);

    private final String bootstrapServers;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), runnable -> {
                Thread thread = new Thread(runnable, "gateway-audit");
                thread.setDaemon(true);
                return thread;
            }, (record, executor) -> dropped());
    private Producer<String, byte[]> producer;

    GatewayAudit(String bootstrapServers, Clock clock, MeterRegistry registry) {
        this.bootstrapServers = bootstrapServers;
        this.clock = clock;
        this.registry = registry;
    }

    void refused(String reason, String address, String method, String path, String tenant) {
        refused(401, reason, address, method, path, tenant);
    }

    void refused(int status, String reason, String address, String method, String path, String tenant) {
        AuditRecord record = AuditRecords.accessDenied(UUID.randomUUID().toString(), status, reason, "gateway",
                tenant != null && tenant.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? tenant : null, null, null,
                address, method, path == null || path.length() <= 256 ? path : path.substring(0, 256),
                clock.instant());
        log.info("Refused {} {} with {}: {} (address {})", method, path, status, reason, address);
        registry.counter("keyward.auth.failures", "reason", reason, "status", Integer.toString(status)).increment();
        sender.execute(() -> send(address, record));
    }

    private void send(String key, AuditRecord record) {
        try {
            ProducerRecord<String, byte[]> message = new ProducerRecord<>(Topics.AUDIT, key, KafkaJson.write(record));
            message.headers().add("content-type", CONTENT_TYPE);
            producer().send(message, (metadata, e) -> {
                if (e != null) {
                    dropped();
                    log.warn("Audit record {} of a refused request was not published: {}", record.id(), e.toString());
                }
            });
        } catch (RuntimeException e) {
            dropped();
            log.warn("Audit record {} of a refused request was not published: {}", record.id(), e.toString());
        }
    }

    /** An audit record given up (queue full, or Kafka unreachable past the delivery timeout); the log keeps it. */
    private void dropped() {
        registry.counter("keyward.audit.dropped", "service", "gateway").increment();
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.CLIENT_ID_CONFIG, "keyward-gateway",
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    @Override
    public synchronized void destroy() throws InterruptedException {
        sender.shutdown();
        sender.awaitTermination(5, TimeUnit.SECONDS);
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
