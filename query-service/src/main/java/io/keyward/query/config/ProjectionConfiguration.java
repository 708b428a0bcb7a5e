package io.keyward.query.config;

import com.mongodb.client.MongoDatabase;
import io.keyward.query.consistency.ReadConsistency;
import io.keyward.query.projection.ReadModelProcessors;
import io.keyward.query.projection.ReadModels;
import io.keyward.service.axon.ProcessorPositions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The read models: their generations and processors, the read-your-writes check, their health and lag. */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    @Bean
    ReadModels readModels(MongoDatabase database) {
        return new ReadModels(database);
    }

    /**
     * One tracking processor per generation, position in the shared token store, one segment (all events in
     * order), batches of up to {@code keyward.projection.batch-size} events written in bulk. A failing write
     * (MongoDB down) fails the batch, which is retried: never logged and skipped.
     */
    @Bean
    ReadModelProcessors readModelProcessors(MongoDatabase database, ReadModels readModels, EventStore eventStore,
                                            TokenStore tokenStore, TransactionManager transactions,
                                            ProcessorPositions positions, JdbcTemplate jdbc, Clock clock,
                                            @Value("${keyward.projection.batch-size:500}") int batchSize,
                                            @Value("${keyward.read-models.drop-delay:30s}") Duration dropDelay) {
        return new ReadModelProcessors(database, readModels, eventStore, tokenStore, transactions, positions, jdbc,
                batchSize, dropDelay, clock);
    }

    @Bean
    ReadConsistency readConsistency(ProcessorPositions positions, ReadModels readModels,
                                    @Value("${keyward.read-consistency.timeout:5s}") Duration timeout) {
        return new ReadConsistency(positions, () -> readModels.names().processorName(), timeout);
    }

    /** {@code readModels}: the processor of the generation serving reads runs and is not retrying a failure. */
    @Bean("readModelsHealthIndicator")
    HealthIndicator readModelsHealthIndicator(ReadModelProcessors processors, ReadModels readModels,
                                              ProcessorPositions positions) {
        return new AbstractHealthIndicator("Read models are not healthy") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                TrackingEventProcessor processor = processors.activeProcessor();
                boolean ok = processor != null && processor.isRunning() && !processor.isError();
                (ok ? builder.up() : builder.down())
                        .withDetail("generation", readModels.names().generation())
                        .withDetail("lag", positions.read(readModels.names().processorName()).lag())
                        .withDetail("rebuild", processors.status().state());
            }
        };
    }

    /** The projection's lag under the stable name {@code read-models}, whichever generation serves. */
    @Bean
    Gauge readModelLag(MeterRegistry registry, ReadModels readModels, ProcessorPositions positions) {
        return Gauge.builder("keyward.processor.lag.events",
                        () -> positions.read(readModels.names().processorName()).lag())
                .description("Events in the store that the processor has not reached yet")
                .tag("processor", "read-models").register(registry);
    }
}
