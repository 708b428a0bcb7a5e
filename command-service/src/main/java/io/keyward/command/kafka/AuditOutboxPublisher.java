package io.keyward.command.kafka;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the audit outbox (refused requests, written by any service) to the audit topic: a batch is locked
 * ({@code SKIP LOCKED}, so instances share the work), sent, acknowledged by Kafka, and only then deleted, in one
 * transaction. While Kafka is down the rows wait; nothing is lost, and a record may be sent twice (same {@code id}).
 */
public class AuditOutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(AuditOutboxPublisher.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Producer<String, byte[]> producer;
    private final KafkaTopicProvisioner topics;
    private volatile boolean failing;

    public AuditOutboxPublisher(JdbcTemplate jdbc, TransactionTemplate transactions,
                                Producer<String, byte[]> producer, KafkaTopicProvisioner topics) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producer = producer;
        this.topics = topics;
    }

    @Scheduled(fixedDelayString = "${keyward.audit-outbox.interval:250ms}")
    public void drain() {
        try {
            int published;
            do {
                published = publishBatch();
            } while (published == BATCH);
            if (failing) {
                log.info("Publishing the audit outbox works again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Publishing the audit outbox failed; will retry: {}", e.toString());
                failing = true;
            }
        }
    }

    private int publishBatch() {
        Integer published = transactions.execute(status -> {
            List<Row> rows = jdbc.query("SELECT id, record_key, record FROM kw_audit_outbox ORDER BY id LIMIT "
                    + BATCH + " FOR UPDATE SKIP LOCKED", (rs, n) -> new Row(rs.getLong(1), rs.getString(2),
                    rs.getBytes(3)));
            if (rows.isEmpty()) {
                return 0;
            }
            topics.ensureTopics();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Row row : rows) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.AUDIT, row.key(), row.record());
                record.headers().add("content-type", KafkaPublisher.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                sends.add(producer.send(record));
            }
            try {
                for (Future<RecordMetadata> send : sends) {
                    send.get(30, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing the audit outbox", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not acknowledge the audit outbox batch", e);
            }
            jdbc.update("DELETE FROM kw_audit_outbox WHERE id = ANY (?)",
                    (Object) rows.stream().map(Row::id).toArray(Long[]::new));
            return rows.size();
        });
        return published == null ? 0 : published;
    }

    private record Row(long id, String key, byte[] record) {
    }
}
