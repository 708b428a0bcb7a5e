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
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
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

    /** The revocation topic keeps records this much longer than the longest PAT lives. */
    static final Duration REVOCATION_RETENTION_MARGIN = Duration.ofDays(30);

    private final Admin admin;
    private final KafkaSettings settings;
    private final Duration revocationRetention;
    private volatile boolean provisioned;

    /**
     * @param longestPatLifetime the installation's maximum PAT lifetime: the revocation topic must remember a
     *                           revocation at least as long as the revoked PAT could otherwise have lived
     */
    public KafkaTopicProvisioner(Admin admin, KafkaSettings settings, Duration longestPatLifetime) {
        this.admin = admin;
        this.settings = settings;
        Duration needed = longestPatLifetime.plus(REVOCATION_RETENTION_MARGIN);
        this.revocationRetention = settings.revocationRetention().compareTo(needed) >= 0
                ? settings.revocationRetention() : needed;
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
                                topic(Topics.REVOCATIONS, revocationRetention))
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
                if (existing.contains(Topics.REVOCATIONS)) {
                    ensureRetentionAtLeast(Topics.REVOCATIONS, revocationRetention);
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

    /** An existing revocation topic whose retention is too short for the PAT lifetime is extended. */
    private void ensureRetentionAtLeast(String topic, Duration retention)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
        long current = Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value());
        if (current >= 0 && current < retention.toMillis()) {
            admin.incrementalAlterConfigs(Map.of(resource, List.of(new AlterConfigOp(
                    new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())),
                    AlterConfigOp.OpType.SET)))).all().get(10, TimeUnit.SECONDS);
            log.warn("Extended the retention of {} from {} ms to {} ms to outlive the longest PAT", topic, current,
                    retention.toMillis());
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
