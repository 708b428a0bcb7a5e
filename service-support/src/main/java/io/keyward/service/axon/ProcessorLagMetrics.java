package io.keyward.service.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * How far behind the event store each streaming processor of this service is, as Prometheus gauges:
 * {@code keyward_processor_lag_events{processor}} and {@code keyward_processor_lag_seconds{processor}} (age of the
 * oldest event it has not processed). For the Kafka publisher ({@code processor="kafka-publisher"}) this is the
 * publish lag. Read from the shared token store at each scrape.
 */
public class ProcessorLagMetrics implements ApplicationListener<ApplicationReadyEvent> {

    private final EventProcessingConfiguration processing;
    private final ProcessorPositions positions;
    private final MeterRegistry registry;
    private final Clock clock;

    public ProcessorLagMetrics(EventProcessingConfiguration processing, ProcessorPositions positions,
                               MeterRegistry registry, Clock clock) {
        this.processing = processing;
        this.positions = positions;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor) {
                Gauge.builder("keyward.processor.lag.events", () -> positions.read(name).lag())
                        .description("Events in the store that the processor has not reached yet")
                        .tag("processor", name).register(registry);
                Gauge.builder("keyward.processor.lag.seconds", () -> secondsBehind(name))
                        .description("Age of the oldest event the processor has not reached yet")
                        .baseUnit("seconds").tag("processor", name).register(registry);
            }
        });
    }

    private double secondsBehind(String processor) {
        ProcessorPositions.Position position = positions.read(processor);
        if (position.lag() == 0) {
            return 0;
        }
        Instant oldest = positions.timeOfEventAfter(position.index());
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
