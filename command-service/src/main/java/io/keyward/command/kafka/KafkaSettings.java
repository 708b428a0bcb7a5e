package io.keyward.command.kafka;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how Keyward publishes ({@code keyward.kafka.*}).
 *
 * @param bootstrapServers   the brokers ({@code KEYWARD_KAFKA_BOOTSTRAP})
 * @param partitions         partitions of each topic Keyward creates
 * @param replicationFactor  replication of each topic Keyward creates (3 in production, 1 on a single broker)
 * @param auditRetention     how long the audit topic keeps records; negative means forever
 * @param revocationRetention how long the revocation topic keeps records; raised to the longest PAT lifetime plus
 *                            30 days if shorter
 * @param producer           extra producer settings (override the defaults)
 */
@ConfigurationProperties("keyward.kafka")
public record KafkaSettings(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("-1ms") Duration auditRetention,
        @DefaultValue("400d") Duration revocationRetention,
        Map<String, String> producer) {

    public KafkaSettings {
        producer = producer == null ? Map.of() : Map.copyOf(producer);
    }
}
