package io.keyward.command.kafka;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * {@code kafka}: whether the brokers answer. Not part of readiness: commands are taken while Kafka is down, and what
 * they produce is published once it is back.
 */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;

    public KafkaHealthIndicator(Admin admin) {
        super("Kafka is not reachable");
        this.admin = admin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000));
        int brokers = cluster.nodes().get(3, TimeUnit.SECONDS).size();
        builder.up().withDetail("brokers", brokers).withDetail("clusterId", cluster.clusterId().get(3,
                TimeUnit.SECONDS));
    }
}
