package io.keyward.command.kafka;

import io.keyward.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates Keyward's topics with their partitions and retention if they don't exist yet. Called by the publisher
 * before its first send, so the service starts (and takes commands) even while Kafka is down.
 */
public class KafkaTopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(KafkaTopicProvisioner.class);

    private final Admin admin;
    private final KafkaSettings settings;
    private volatile boolean provisioned;

    public KafkaTopicProvisioner(Admin admin, KafkaSettings settings) {
        this.admin = admin;
        this.settings = settings;
    }

    public void ensureTopics() {
        if (provisioned) {
            return;
        }
        synchronized (this) {
            if (provisioned) {
                return;
            }
            try {
                Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                List<NewTopic> missing = List.of(
                                topic(Topics.AUDIT, settings.auditRetention()),
                                topic(Topics.REVOCATIONS, settings.revocationRetention()))
                        .stream().filter(t -> !existing.contains(t.name())).toList();
                for (NewTopic topic : missing) {
                    try {
                        admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
                        log.info("Created Kafka topic {} ({} partitions, retention {})", topic.name(),
                                topic.numPartitions(), topic.configs().get(TopicConfig.RETENTION_MS_CONFIG));
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                provisioned = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating Kafka topics", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka topics could not be checked or created: " + e, e);
            }
        }
    }

    private NewTopic topic(String name, Duration retention) {
        long retentionMs = retention.isNegative() ? -1 : retention.toMillis();
        return new NewTopic(name, settings.partitions(), settings.replicationFactor())
                .configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs),
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                        Integer.toString(Math.max(1, settings.replicationFactor() - 1))));
    }
}
