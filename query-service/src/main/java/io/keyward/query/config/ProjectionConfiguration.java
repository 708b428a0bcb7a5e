package io.keyward.query.config;

import io.keyward.query.consistency.ReadConsistency;
import io.keyward.query.projection.ServiceAccountProjection;
import io.keyward.service.axon.ProcessorPositions;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The projection's processor, and the read-your-writes check that waits for it. */
@Configuration(proxyBeanMethods = false)
class ProjectionConfiguration {

    /**
     * A tracking processor with its position in the shared token store, one segment (all events of the store in
     * order). A failing write (MongoDB down) fails the batch, which is retried: never logged and skipped.
     */
    @Bean
    ConfigurerModule serviceAccountProjectionProcessor(
            @Value("${keyward.projection.batch-size:100}") int batchSize) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessor(ServiceAccountProjection.GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(batchSize)
                                .andInitialSegmentsCount(1))
                .registerListenerInvocationErrorHandler(ServiceAccountProjection.GROUP,
                        c -> PropagatingErrorHandler.instance());
    }

    @Bean
    ReadConsistency readConsistency(ProcessorPositions positions,
                                    @Value("${keyward.read-consistency.timeout:5s}") Duration timeout) {
        return new ReadConsistency(positions, ServiceAccountProjection.GROUP, timeout);
    }
}
