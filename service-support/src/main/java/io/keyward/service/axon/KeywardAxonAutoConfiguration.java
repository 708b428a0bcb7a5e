package io.keyward.service.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.keyward.service.upcasting.PersonalAccessTokenRevokedEvent1_to_2Upcaster;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.axonframework.springboot.autoconfig.JdbcAutoConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store both services use: Axon's JDBC engine on PostgreSQL (from Axon's own auto-configuration),
 * wrapped in a {@link WakeableEventStore} that PostgreSQL notifications wake, so processors in one process see
 * events committed by another within milliseconds. The fetch delay is only the fallback poll.
 */
@AutoConfiguration(after = JdbcAutoConfiguration.class, before = AxonAutoConfiguration.class)
public class KeywardAxonAutoConfiguration {

    /**
     * Events, tokens and messages as JSON, with a mapper of their own: lenient about unknown fields (an event
     * written by a newer version still reads) while the web mapper rejects them in requests.
     */
    @Bean
    @Primary
    Serializer serializer(RevisionResolver revisionResolver) {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(mapper).revisionResolver(revisionResolver).build();
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @ConditionalOnMissingBean
    RevisionResolver revisionResolver() {
        return new AnnotationRevisionResolver();
    }

    @Qualifier("eventStore")
    @Bean(name = "eventBus")
    WakeableEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  @Value("${keyward.event-store.fetch-delay:1s}") Duration fetchDelay) {
        return new WakeableEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis()));
    }

    /** Upcasters of every event whose shape changed, in both services (both read events). */
    @Bean
    PersonalAccessTokenRevokedEvent1_to_2Upcaster personalAccessTokenRevokedEvent1To2Upcaster() {
        return new PersonalAccessTokenRevokedEvent1_to_2Upcaster();
    }

    @Bean
    ProcessorPositions processorPositions(JdbcTemplate jdbc, Serializer serializer) {
        return new ProcessorPositions(jdbc, serializer);
    }

    @Bean
    ProcessorLagMetrics processorLagMetrics(EventProcessingConfiguration processing, ProcessorPositions positions,
                                            MeterRegistry registry, java.time.Clock clock) {
        return new ProcessorLagMetrics(processing, positions, registry, clock);
    }

    @Bean("eventProcessorsHealthIndicator")
    EventProcessorsHealthIndicator eventProcessorsHealthIndicator(EventProcessingConfiguration processing,
                                                                  ProcessorPositions positions) {
        return new EventProcessorsHealthIndicator(processing, positions);
    }

    @Bean
    EventStoreNotifications eventStoreNotifications(DataSourceProperties dataSource, WakeableEventStore eventStore,
            @Value("${keyward.event-store.announce-interval:5ms}") Duration announceInterval) {
        return new EventStoreNotifications(dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword(), eventStore, announceInterval);
    }
}
