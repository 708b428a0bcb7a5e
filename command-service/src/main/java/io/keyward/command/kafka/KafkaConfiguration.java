package io.keyward.command.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import io.keyward.service.config.KeywardProperties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The Kafka producer and the publishing processor. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaSettings.class)
class KafkaConfiguration {

    /**
     * The producer is closed with a bounded wait: during a Kafka outage, shutting down must not hang on records
     * that cannot be delivered (they are published again from the event store after the restart).
     */
    @Bean(destroyMethod = "")
    Producer<String, byte[]> kafkaProducer(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "keyward-command-service");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putAll(settings.producer());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    DisposableBean kafkaProducerCloser(Producer<String, byte[]> producer) {
        return () -> producer.close(Duration.ofSeconds(5));
    }

    @Bean(destroyMethod = "")
    Admin kafkaAdmin(KafkaSettings settings) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "keyward-command-service-admin",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    @Bean
    DisposableBean kafkaAdminCloser(Admin admin) {
        return () -> admin.close(Duration.ofSeconds(5));
    }

    @Bean("kafkaHealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(Admin admin) {
        return new KafkaHealthIndicator(admin);
    }

    @Bean
    KafkaTopicProvisioner kafkaTopicProvisioner(Admin admin, KafkaSettings settings, KeywardProperties keyward) {
        return new KafkaTopicProvisioner(admin, settings, keyward.pat().maxLifetime());
    }

    @Bean
    AuditOutboxPublisher auditOutboxPublisher(JdbcTemplate jdbc, TransactionTemplate transactions,
                                              Producer<String, byte[]> producer, KafkaTopicProvisioner topics) {
        return new AuditOutboxPublisher(jdbc, transactions, producer, topics);
    }

    @Bean
    KafkaPublisher kafkaPublisher(Producer<String, byte[]> producer, KafkaTopicProvisioner topics) {
        return new KafkaPublisher(producer, topics);
    }

    /**
     * One tracking processor, one segment: a total order of publishing. A failed send must fail the batch (so it is
     * retried), never be logged and skipped: hence the propagating error handler.
     */
    @Bean
    ConfigurerModule kafkaPublisherProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(KafkaPublisher.GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(100)
                                .andInitialSegmentsCount(1))
                .registerListenerInvocationErrorHandler(KafkaPublisher.GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
